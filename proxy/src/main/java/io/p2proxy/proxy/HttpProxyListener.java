package io.p2proxy.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.proxy.internal.HttpProxyHandler;
import io.p2proxy.proxy.internal.ProxyInitializer;
import io.p2proxy.proxy.internal.ProxyServer;
import io.p2proxy.proxy.internal.SessionOpener;
import io.p2proxy.session.SessionManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP proxy listener: absolute-form requests ({@code curl -x http://HOST:PORT http://web.garage.p2p/}),
 * {@code CONNECT web.garage.p2p:443} (answered {@code 200} once the stream opened, then a raw
 * tunnel), and origin-form requests routed by {@code Host: RESOURCE.PEER.p2p}. One resource and one
 * forwarded request per client connection (the target is asked to close after its answer); see
 * {@code HttpProxyHandler}. Refusals are real HTTP answers with a short reason (SPEC.md's table).
 */
public final class HttpProxyListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpProxyListener.class);

    private final Channel server;

    private HttpProxyListener(Channel server) {
        this.server = server;
    }

    /**
     * @param acceptors where connections are accepted and their handshake runs; once the request
     *                  names the peer, a connection moves to {@code sessions.loopFor(peer)}
     */
    public static HttpProxyListener start(EventLoopGroup acceptors, SessionManager sessions, PeerConfig.Listener config)
            throws IOException {
        Objects.requireNonNull(acceptors, "acceptors");
        Objects.requireNonNull(sessions, "sessions");
        String label = "http " + config.listen();
        SessionOpener opener = new SessionOpener(sessions, label, "http");
        Channel server = ProxyServer.bind(acceptors, config.listen(),
                new ProxyInitializer(() -> new HttpProxyHandler(opener, label)), label);
        HttpProxyListener l = new HttpProxyListener(server);
        log.info("{}: listening on {}", label, HostPort.of(l.localAddress()));
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
