package io.p2proxy.transport.internal;

import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.p2proxy.common.Identity;
import java.security.cert.X509Certificate;

/** TLS 1.3 contexts for QUIC (RFC 9001): mutual authentication, both sides pinned to one peer id. */
public final class QuicTls {

    /** ALPN (RFC 7301): a peer speaking another stream protocol fails the handshake, not a stream. */
    public static final String ALPN = "p2proxy/1";

    private QuicTls() {
    }

    public static QuicSslContext client(Identity local, PinnedPeerTrustManager trust) {
        X509Certificate cert = PeerCertificate.selfSigned(local);
        return QuicSslContextBuilder.forClient()
                .keyManager(local.privateKey(), null, cert)
                .trustManager(trust)
                .applicationProtocols(ALPN)
                .build();
    }

    public static QuicSslContext server(Identity local, PinnedPeerTrustManager trust) {
        X509Certificate cert = PeerCertificate.selfSigned(local);
        return QuicSslContextBuilder.forServer(local.privateKey(), null, cert)
                .trustManager(trust)
                .clientAuth(ClientAuth.REQUIRE)
                .applicationProtocols(ALPN)
                .build();
    }
}
