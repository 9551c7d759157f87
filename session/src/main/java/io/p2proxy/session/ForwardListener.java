package io.p2proxy.session;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Transports;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.transport.OpenMetadata;
import io.p2proxy.transport.StreamOpenException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A port forward, like {@code ssh -L}: every connection to {@code listen} becomes one stream to
 * {@code to}. Accepted sockets live on the event loop of the session to that peer, with AUTO_READ
 * off (the splice reads as the stream can take it) and half-closure allowed (a FIN travels). When
 * no stream can be had, the client is reset (SPEC.md: a forward answers every failure with RST) and
 * one line names the client, the resource and the reason.
 */
public final class ForwardListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ForwardListener.class);

    private final Channel server;
    private final PeerConfig.Forward forward;

    private ForwardListener(Channel server, PeerConfig.Forward forward) {
        this.server = server;
        this.forward = forward;
    }

    public static ForwardListener start(EventLoopGroup acceptors, SessionManager sessions, PeerConfig.Forward forward)
            throws IOException {
        String label = "forward " + forward.listen() + " -> " + forward.to();
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptors, sessions.loopFor(forward.to().peer()))
                .channel(Transports.serverSocket())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.eventLoop().execute(() -> open(sessions, forward, label, ch));
                    }
                });
        var bound = b.bind(forward.listen().resolve()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            BindException e = new BindException(label + ": cannot listen on " + forward.listen() + ": "
                    + bound.cause().getMessage());
            e.initCause(bound.cause());
            throw e;
        }
        ForwardListener l = new ForwardListener(bound.channel(), forward);
        log.info("{}: listening on {}", label, HostPort.of(l.localAddress()));
        return l;
    }

    private static void open(SessionManager sessions, PeerConfig.Forward forward, String label, DuplexChannel ch) {
        String client = HostPort.of((InetSocketAddress) ch.remoteAddress()).toString();
        sessions.openStream(forward.to(), OpenMetadata.lenient(client, "forward"), ch).addListener(f -> {
            if (f.isSuccess()) {
                log.debug("{}: client {} connected", label, client);
                return;
            }
            log.info("{}: client {} reset: {}", label, client, reason(f.cause()));
            reset(ch);
        });
    }

    static String reason(Throwable cause) {
        if (cause instanceof StreamOpenException e) {
            return switch (e.error()) {
                case NOT_FOUND_OR_DENIED -> "resource unknown or not allowed";
                case TARGET_REFUSED -> "the target refused the connection at the publishing peer";
                case TARGET_UNREACHABLE -> "the target is unreachable from the publishing peer";
                default -> e.getMessage();
            };
        }
        return cause.getMessage();
    }

    /** Closes with RST, never a clean FIN: the client must see the failure. */
    static void reset(DuplexChannel ch) {
        if (ch.isOpen()) {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ch.close();
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    public PeerConfig.Forward forward() {
        return forward;
    }

    /** Stops accepting; connections already spliced keep running until their session ends. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
