package io.p2proxy.signal.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.p2proxy.signal.SignalMessage;
import io.p2proxy.signal.TextFrameAggregator;

/** Assembles one client connection's pipeline: [tls] http codec, WebSocket upgrade, the login handler. */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {

    /** Name of the WebSocket protocol handler; the keepalive is inserted in front of it. */
    static final String WS = "ws";

    private final ClientSettings settings;
    private final ClientHandler handler;

    ClientInitializer(ClientSettings settings, ClientHandler handler) {
        this.settings = settings;
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        if (settings.ssl() != null) {
            p.addLast("tls", settings.ssl().newHandler(ch.alloc(), settings.host(), settings.port()));
        }
        p.addLast("http", new HttpClientCodec());
        p.addLast("http-aggregator", new HttpObjectAggregator(8192));
        p.addLast(WS, new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(settings.server())
                .version(WebSocketVersion.V13)
                .allowExtensions(false) // compression would cost ~100 KB per connection on the server
                .maxFramePayloadLength(SignalMessage.MAX_FRAME_BYTES)
                .handleCloseFrames(false) // ClientHandler reads the server's close reason
                .handshakeTimeoutMillis(settings.loginTimeout().toMillis())
                .build()));
        p.addLast("ws-aggregator", new TextFrameAggregator(SignalMessage.MAX_FRAME_BYTES));
        p.addLast("signal", handler);
    }
}
