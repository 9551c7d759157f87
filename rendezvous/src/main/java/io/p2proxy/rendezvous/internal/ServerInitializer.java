package io.p2proxy.rendezvous.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.p2proxy.common.HostPort;
import io.p2proxy.signal.TextFrameAggregator;

/**
 * One signaling connection's pipeline. Before the upgrade: [tls] HTTP codec, login timer,
 * WebSocket handshake at /v1/signal, 404 for the rest. After: frames (text joined, binary never),
 * rate limit (text), relay (binary), JSON codec, login (then routing), tail. The handshaker swaps the HTTP codec for frame codecs and drops the
 * aggregator, so an idle logged-in peer holds no HTTP state.
 */
public final class ServerInitializer extends ChannelInitializer<SocketChannel> {

    static final String WS = "ws";

    private final ServerContext server;
    private final ChannelGroup channels;
    private final SignalFrameCodec codec;
    private final WebSocketServerProtocolConfig wsConfig;

    public ServerInitializer(ServerContext server, ChannelGroup channels) {
        this.server = server;
        this.channels = channels;
        this.codec = new SignalFrameCodec(server.metrics());
        this.wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/v1/signal")
                .checkStartsWith(false)
                .maxFramePayloadLength(server.limits().maxFrameBytes())
                .allowExtensions(false) // no permessage-deflate: it costs ~100 KB per connection
                .handshakeTimeoutMillis(server.limits().loginTimeout().toMillis())
                .sendCloseFrame(null) // our handlers send close frames with reasons themselves
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        Connection connection = new Connection(ch, HostPort.of(ch.remoteAddress()));
        ChannelPipeline p = ch.pipeline();
        if (server.ssl() != null) {
            p.addLast("tls", server.ssl().newHandler(ch.alloc()));
        }
        p.addLast("http", new HttpServerCodec(4096, 8192, 8192));
        p.addLast("http-aggregator", new HttpObjectAggregator(8192));
        p.addLast("login-timeout", new LoginTimeoutHandler(server.limits().loginTimeout()));
        p.addLast(WS, new WebSocketServerProtocolHandler(wsConfig));
        p.addLast("not-found", NotFoundHandler.INSTANCE);
        p.addLast("ws-aggregator", new TextFrameAggregator(server.limits().maxFrameBytes()));
        p.addLast("rate-limit", new RateLimitHandler(server, connection));
        p.addLast("relay", new RelayHandler(server, connection));
        p.addLast("codec", codec);
        p.addLast("login", new LoginHandler(server, connection));
        p.addLast("tail", new TailHandler(server, connection));
    }
}
