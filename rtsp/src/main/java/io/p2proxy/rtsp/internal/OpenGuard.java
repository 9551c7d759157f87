package io.p2proxy.rtsp.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * First in the client's pipeline; decides how the socket ends while its stream opens. The
 * transport resets the client socket when an open fails (right for a forward, SPEC.md), but an
 * RTSP client must read its 404/403/503 first: so between {@link #hold} and the outcome every
 * {@code close()} waits here. On {@link #refuse}: answer, half-close, discard input until the
 * client's FIN (bounded in bytes and time: closing with unread input would make the kernel send
 * RST over the answer), then a graceful close. On {@link #opened}: held closes go on and the guard
 * leaves the pipeline.
 */
public final class OpenGuard extends ChannelDuplexHandler {

    static final long LINGER_MS = 2_000;
    static final int MAX_DISCARD = 256 * 1024;

    private ChannelHandlerContext ctx;
    private boolean holding;
    private boolean refusing;
    private boolean closing;
    private long discarded;
    private ScheduledFuture<?> timer;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** An open starts: closes wait for its outcome. */
    public void hold() {
        holding = true;
    }

    public void opened() {
        holding = false;
        if (!refusing) {
            ctx.pipeline().remove(this);
        }
    }

    /** Answers {@code reply} and ends the connection cleanly, whatever else asked to close it. */
    public void refuse(LocalReply reply) {
        holding = false;
        refusing = true;
        timer = ctx.executor().schedule(this::finish, LINGER_MS, TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.bytes())).addListener(f -> {
            if (!f.isSuccess() || !(ctx.channel() instanceof DuplexChannel d)) {
                finish();
                return;
            }
            d.shutdownOutput().addListener(g -> ctx.read());
        });
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (holding || refusing && !closing) {
            ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
        } else {
            ctx.close(promise);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!refusing) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof io.netty.buffer.ByteBuf b) {
            discarded += b.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (discarded > MAX_DISCARD) {
            finish();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!refusing) {
            ctx.fireChannelReadComplete();
        } else if (!closing) {
            ctx.read();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!refusing) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent) {
            finish();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (refusing) {
            finish(); // the client reset: nothing left to tell it
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private void finish() {
        if (closing) {
            return;
        }
        closing = true;
        if (timer != null) {
            timer.cancel(false);
        }
        try {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, -1); // the transport set 0 for its reset
        } catch (RuntimeException ignored) {
            // the socket is already gone; close() is all that is left
        }
        ctx.close();
    }
}
