package io.p2proxy.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.p2proxy.transport.OpenError;

/**
 * Opener's stream pipeline, first inbound: waits for the 2-byte ANSWER, completes the open, passes
 * whatever follows to the data decoder and leaves the pipeline. OK is also the proof that the
 * acceptor checked our certificate: with TLS 1.3 the client's handshake completes before the
 * server has verified the client (RFC 9001 section 4.1.2), so "connected" is not "authenticated".
 */
final class AnswerHandler extends ChannelInboundHandlerAdapter {

    private final OpenRequest request;
    private final QuicLink link;
    private ByteBuf pending;

    AnswerHandler(OpenRequest request, QuicLink link) {
        this.request = request;
        this.link = link;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        ByteBuf in = (ByteBuf) msg;
        if (pending != null) {
            pending.writeBytes(in);
            in.release();
            in = pending;
            pending = null;
        }
        int code;
        try {
            code = StreamWire.decodeAnswer(in);
        } catch (BadFrameException e) {
            in.release();
            request.fail(OpenError.BAD_REQUEST, e);
            return;
        }
        if (code < 0) {
            pending = ctx.alloc().buffer(StreamWire.ANSWER_LENGTH).writeBytes(in);
            in.release();
            return;
        }
        if (code != StreamWire.OK) {
            in.release();
            request.fail(OpenError.fromWire(code), null);
            return;
        }
        request.succeed();
        link.core().authenticatedByAnswer();
        ctx.pipeline().remove(this);
        if (in.isReadable()) {
            ctx.fireChannelRead(in);
        } else {
            in.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            request.fail(OpenError.BAD_REQUEST, new BadFrameException("stream ended before the answer"));
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof QuicStreamResetException reset && reset.applicationProtocolCode() == AppCodes.STREAM_BUSY) {
            request.fail(OpenError.BUSY, null);
        } else {
            request.fail(link.lossError(), cause);
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        request.fail(link.lossError(), link.lossCause());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
