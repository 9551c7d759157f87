package io.p2proxy.rendezvous.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.p2proxy.signal.ErrorCode;
import io.p2proxy.signal.SignalCodec;
import io.p2proxy.signal.SignalMessage;

/** How handlers answer: an error message, and the WebSocket close that may follow it. */
final class Replies {

    private Replies() {
    }

    static void error(ChannelHandlerContext ctx, ServerMetrics metrics, ErrorCode code, String reason, String ref) {
        metrics.error(code);
        ctx.writeAndFlush(new TextWebSocketFrame(SignalCodec.encode(new SignalMessage.Error(code, reason, ref))));
    }

    /** Sends a close frame with a reason (WebSocket close reasons are at most 123 bytes), then closes. */
    static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        String r = reason.length() > 120 ? reason.substring(0, 120) : reason;
        ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), r)).addListener(ChannelFutureListener.CLOSE);
    }
}
