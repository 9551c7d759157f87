package io.p2proxy.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.p2proxy.admin.internal.AdminInitializer;
import io.p2proxy.admin.internal.Json;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Transports;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP endpoint of a server or a peer: {@code GET /status} answers the status object as
 * JSON (the caller's records decide the field names), {@code GET /metrics} the registry in
 * Prometheus text format 0.0.4. Other paths get 404, other methods 405, oversized requests
 * 413/414/431; keep-alive is honoured and idle connections close after a minute.
 *
 * <p>It runs on the caller's event loop group and never shuts it down: whoever made the group
 * does. {@code status} is called on that group's event loop for each request, so it must be quick
 * and safe to call from there.
 */
public final class AdminServer implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final Channel channel;
    private final ChannelGroup connections;
    private final InetSocketAddress localAddress;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AdminServer(Channel channel, ChannelGroup connections) {
        this.channel = channel;
        this.connections = connections;
        this.localAddress = (InetSocketAddress) channel.localAddress();
    }

    /**
     * Binds {@code bind} (port 0: any free port) and serves until {@link #close()}.
     *
     * @throws BindException when the address is taken or cannot be bound here; the message names it
     * @throws IOException   when the host does not resolve or binding fails otherwise
     */
    public static AdminServer start(EventLoopGroup group, HostPort bind, Supplier<?> status,
            PrometheusMeterRegistry registry) throws IOException {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(registry, "registry");
        ChannelGroup connections = new DefaultChannelGroup("admin-connections", group.next());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverSocket())
                .childHandler(new AdminInitializer(connections, status, registry));
        ChannelFuture bound = bootstrap.bind(bind.resolve());
        try {
            bound.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bound.channel().close();
            throw new InterruptedIOException("admin: interrupted while binding " + bind);
        }
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            BindException e = new BindException("admin: cannot listen on " + bind + ": " + cause.getMessage());
            e.initCause(cause);
            throw e;
        }
        AdminServer server = new AdminServer(bound.channel(), connections);
        log.info("admin: listening on {} (GET /status, GET /metrics)", HostPort.of(server.localAddress));
        return server;
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Stops listening and closes open connections; waits (up to 5 s) until they are closed. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean done = channel.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                & connections.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!done) {
            log.warn("admin: {} did not close within {} s", HostPort.of(localAddress), CLOSE_TIMEOUT_SECONDS);
        }
    }

    /**
     * The mapper that writes {@code /status}: java.time types as ISO-8601 text. Shared; do not
     * reconfigure it. Useful to read the JSON back (e.g. {@code p2proxy status}).
     */
    public static ObjectMapper objectMapper() {
        return Json.MAPPER;
    }
}
