package io.p2proxy.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.proxy.internal.ProxyInitializer;
import io.p2proxy.proxy.internal.ProxyServer;
import io.p2proxy.proxy.internal.SessionOpener;
import io.p2proxy.proxy.internal.SocksAuth;
import io.p2proxy.proxy.internal.SocksHandler;
import io.p2proxy.session.SessionManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SOCKS5 listener (RFC 1928, CONNECT): a client asks for {@code RESOURCE.PEER.p2p}
 * ({@code curl --socks5-hostname}) and gets a stream to that resource. With credentials in the
 * config a client must authenticate by username/password (RFC 1929); without, it must not.
 * Raw IP addresses and other names are refused (0x02): no open proxy. Replies follow SPEC.md's
 * table; success (0x00) is sent only once the publishing peer answered OK.
 */
public final class SocksListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocksListener.class);

    private final Channel server;

    private SocksListener(Channel server) {
        this.server = server;
    }

    /**
     * @param acceptors where connections are accepted and their handshake runs; once the request
     *                  names the peer, a connection moves to {@code sessions.loopFor(peer)}
     */
    public static SocksListener start(EventLoopGroup acceptors, SessionManager sessions, PeerConfig.Socks config)
            throws IOException {
        Objects.requireNonNull(acceptors, "acceptors");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(config, "config");
        String label = "socks " + config.listen();
        SessionOpener opener = new SessionOpener(sessions, label, "socks");
        SocksAuth auth = SocksAuth.of(config.credentials());
        Channel server = ProxyServer.bind(acceptors, config.listen(),
                new ProxyInitializer(() -> new SocksHandler(opener, label, auth)), label);
        SocksListener l = new SocksListener(server);
        log.info("{}: listening on {}{}", label, HostPort.of(l.localAddress()),
                auth == null ? "" : " (username/password required)");
        return l;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Stops accepting; connections already spliced keep running until their session ends. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
