package io.p2proxy.transport.internal;

import io.p2proxy.common.PeerId;
import io.p2proxy.transport.PeerIdMismatchException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts exactly one peer: the one whose key hashes to the expected {@link PeerId}, in either
 * role (client and server certificates are checked the same way). Never "any certificate".
 * Remembers the last mismatch so that the connection can report a typed error; the TLS stack only
 * says "handshake failed". Called on the connection's event loop.
 */
public final class PinnedPeerTrustManager extends X509ExtendedTrustManager {

    private final PeerId expected;
    private volatile PeerIdMismatchException mismatch;

    public PinnedPeerTrustManager(PeerId expected) {
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    public PeerId expected() {
        return expected;
    }

    /** The last refusal, or {@code null}. */
    public PeerIdMismatchException mismatch() {
        return mismatch;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        PeerId actual = null;
        if (chain != null && chain.length > 0) {
            try {
                actual = PeerId.of(chain[0].getPublicKey());
            } catch (RuntimeException e) {
                actual = null;
            }
        }
        if (!expected.equals(actual)) {
            PeerIdMismatchException e = new PeerIdMismatchException(expected, actual);
            mismatch = e;
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
