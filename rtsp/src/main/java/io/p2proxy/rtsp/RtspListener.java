package io.p2proxy.rtsp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Transports;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.rtsp.internal.RtspInitializer;
import io.p2proxy.session.SessionManager;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP listener (SPEC.md, [rtsp]): {@code rtsp://LISTEN/PEER/RESOURCE/path} reaches
 * {@code rtsp://TARGET/path} of the resource published by PEER. The first request names the
 * resource; every message of the connection is rewritten both ways, media is kept interleaved on
 * the connection, and failures answer with SPEC.md's RTSP status and a reason. Connections are
 * accepted on {@code acceptors} and move to the event loop of the session to their peer.
 */
public final class RtspListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtspListener.class);

    private final Channel server;

    private RtspListener(Channel server) {
        this.server = server;
    }

    public static RtspListener start(EventLoopGroup acceptors, SessionManager sessions, PeerConfig.Listener config)
            throws IOException {
        Objects.requireNonNull(acceptors, "acceptors");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(config, "config");
        String label = "rtsp " + config.listen();
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptors)
                .channel(Transports.serverSocket())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new RtspInitializer(sessions, label));
        var bound = b.bind(config.listen().resolve()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            BindException e = new BindException(label + ": cannot listen on " + config.listen() + ": "
                    + bound.cause().getMessage());
            e.initCause(bound.cause());
            throw e;
        }
        RtspListener l = new RtspListener(bound.channel());
        log.info("{}: listening on {}", label, HostPort.of(l.localAddress()));
        return l;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Stops accepting; connections already open keep running until they or their session end. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
