package io.p2proxy.rendezvous.internal;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.p2proxy.signal.SignalCodec;
import io.p2proxy.signal.SignalDecodeException;
import io.p2proxy.signal.SignalMessage;
import java.util.List;

/**
 * Text frames to {@link SignalMessage}s and back. A frame that does not decode is answered with
 * its error ({@code malformed}, {@code unknown_type}) and goes no further; the connection stays.
 * Binary frames pass untouched (they will carry relayed packets).
 */
@Sharable
final class SignalFrameCodec extends MessageToMessageCodec<TextWebSocketFrame, SignalMessage> {

    private final ServerMetrics metrics;

    SignalFrameCodec(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SignalMessage msg, List<Object> out) {
        out.add(new TextWebSocketFrame(SignalCodec.encode(msg)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, TextWebSocketFrame frame, List<Object> out) {
        try {
            out.add(SignalCodec.decode(frame.text()));
        } catch (SignalDecodeException e) {
            // ctx.write skips this handler's own encoder, so the reply is a ready frame
            Replies.error(ctx, metrics, e.code(), e.getMessage(), null);
        }
    }
}
