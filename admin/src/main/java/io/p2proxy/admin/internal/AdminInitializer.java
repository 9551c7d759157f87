package io.p2proxy.admin.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Assembles an admin connection's pipeline; remembers the connection so that close() can end it. */
public final class AdminInitializer extends ChannelInitializer<SocketChannel> {

    /** Request line and headers: a GET of /status needs a few hundred bytes. */
    static final int MAX_LINE = 4096;
    static final int MAX_HEADERS = 8192;
    /** Bodies are never needed; anything larger is answered 413 by the aggregator. */
    static final int MAX_BODY = 8192;
    /** Idle keep-alive connections are closed after this long, so a forgotten client costs nothing. */
    static final int IDLE_SECONDS = 60;

    private final ChannelGroup connections;
    private final Supplier<?> status;
    private final PrometheusMeterRegistry registry;

    public AdminInitializer(ChannelGroup connections, Supplier<?> status, PrometheusMeterRegistry registry) {
        this.connections = connections;
        this.status = status;
        this.registry = registry;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connections.add(ch);
        ch.pipeline()
                .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast(new HttpServerCodec(MAX_LINE, MAX_HEADERS, MAX_BODY))
                .addLast(new HttpServerKeepAliveHandler())
                .addLast(new HttpObjectAggregator(MAX_BODY))
                .addLast(new AdminHandler(status, registry));
    }
}
