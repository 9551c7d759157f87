package io.p2proxy.rendezvous;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.rendezvous.internal.PeerRegistry;
import io.p2proxy.rendezvous.internal.RelayTable;
import io.p2proxy.rendezvous.internal.ServerContext;
import io.p2proxy.rendezvous.internal.ServerInitializer;
import io.p2proxy.rendezvous.internal.ServerMetrics;
import io.p2proxy.rendezvous.internal.SideServices;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rendezvous server: WebSocket signaling at {@code /v1/signal} (wss:// with {@code [tls]}),
 * relay of datagrams between introduced peers over the same connections (binary frames), STUN, admin. Everything it starts runs on one event loop group it owns; {@link #close()}
 * releases every channel, thread and timer.
 */
public final class RendezvousServer implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(RendezvousServer.class);

    private final EventLoopGroup group;
    private final ChannelGroup channels;
    private final PeerRegistry registry;
    private final RelayTable relays = new RelayTable();
    private final PrometheusMeterRegistry meters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel listener;
    private SideServices.Handle stun;
    private SideServices.Handle admin;

    private RendezvousServer(EventLoopGroup group) {
        this.group = group;
        this.channels = new DefaultChannelGroup("signal", group.next());
        this.registry = new PeerRegistry();
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    public static RendezvousServer start(ServerConfig config) throws RendezvousException {
        return start(config, ServerLimits.DEFAULTS);
    }

    public static RendezvousServer start(ServerConfig config, ServerLimits limits) throws RendezvousException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(limits, "limits");
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        RendezvousServer server = new RendezvousServer(Transports.group(threads, NamedThreadFactory.of("rendezvous")));
        try {
            server.open(config, limits);
            return server;
        } catch (RendezvousException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void open(ServerConfig config, ServerLimits limits) throws RendezvousException {
        SslContext ssl = null;
        if (config.tls() != null) {
            try {
                ssl = SslContextBuilder.forServer(config.tls().cert().toFile(), config.tls().key().toFile()).build();
            } catch (Exception e) {
                throw new RendezvousException("tls: cannot use cert " + config.tls().cert() + " and key "
                        + config.tls().key() + ": " + e.getMessage(), e);
            }
        }
        try {
            stun = SideServices.stun(group, config.stun());
        } catch (java.io.IOException e) {
            throw new RendezvousException("stun: " + e.getMessage(), e);
        }
        ServerContext context = new ServerContext(config.token(), config.relay(), limits, ssl, stun.addresses(),
                config.publicAddress(), registry, relays, new ServerMetrics(meters, registry), new SecureRandom(),
                System::nanoTime);
        InetSocketAddress bind;
        try {
            bind = config.listen().resolve();
            listener = new ServerBootstrap().group(group).channel(Transports.serverSocket())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ServerInitializer(context, channels))
                    .bind(bind).sync().channel();
        } catch (Exception e) {
            throw new RendezvousException("listen " + config.listen() + ": " + e.getMessage(), e);
        }
        try {
            admin = SideServices.admin(group, config.admin(), this::status, meters);
        } catch (java.io.IOException e) {
            throw new RendezvousException(e.getMessage(), e);
        }
        log.info("rendezvous server listening on {}://{}/v1/signal ({})", ssl != null ? "wss" : "ws",
                io.p2proxy.common.HostPort.of(signalAddress()), Transports.name());
    }

    public InetSocketAddress signalAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public List<InetSocketAddress> stunAddresses() {
        return stun.addresses();
    }

    /** Where GET /status and /metrics answer, or null when admin is off. */
    public InetSocketAddress adminAddress() {
        List<InetSocketAddress> a = admin.addresses();
        return a.isEmpty() ? null : a.get(0);
    }

    /** Peers online now and pairs relaying, as {@code GET /status} shows them. */
    public ServerStatus status() {
        return new ServerStatus(registry.peers(), relays.status());
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Idempotent. Tells every peer "going away" (1001), then releases sockets, threads and timers. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        for (Channel ch : new ArrayList<>(channels)) {
            if (ch.pipeline().get("keepalive") != null) {
                ch.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(),
                        "server shutting down")).addListener(ChannelFutureListener.CLOSE);
            } else {
                ch.close();
            }
        }
        channels.newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        closeQuietly(admin);
        closeQuietly(stun);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        meters.close();
    }

    /** Test hook: die like a killed process. Every socket is reset (SO_LINGER 0); no close frames, no close_notify. */
    void crash() {
        List<Channel> all = new ArrayList<>(channels);
        if (listener != null) {
            all.add(listener);
        }
        for (Channel ch : all) {
            ch.eventLoop().execute(() -> {
                if (ch != listener) {
                    ch.config().setOption(ChannelOption.SO_LINGER, 0);
                }
                ch.unsafe().close(ch.unsafe().voidPromise()); // below every handler: nothing is said
            });
        }
        for (Channel ch : all) {
            ch.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    /** Test hook: hang like a stopped process. Sockets stay open, nothing is read or answered. */
    void freeze() {
        for (Channel ch : new ArrayList<>(channels)) {
            ch.eventLoop().execute(() -> {
                ch.pipeline().remove("keepalive"); // a hung process does not ping either
                ch.pipeline().addFirst("frozen", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg); // the kernel still ACKs; nobody answers
                    }
                });
            });
        }
    }

    private static void closeQuietly(SideServices.Handle h) {
        if (h != null) {
            h.close();
        }
    }
}
