package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
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
 * Sends a refusal and closes cleanly. Closing a socket with unread input makes the kernel send RST,
 * which may destroy the answer before the client reads it; so: write the answer, half-close, read
 * and discard until the client's FIN (at most {@link #MAX_DISCARD} bytes or {@link #LINGER_MS}),
 * then close. Takes the whole pipeline's inbound side (it goes first) and holds anyone else's
 * {@code close()} (the transport resets a failed open) until the answer is out.
 */
public final class LingeringClose extends ChannelDuplexHandler {

    static final long LINGER_MS = 2_000;
    static final int MAX_DISCARD = 256 * 1024;

    private ByteBuf answer;
    private ScheduledFuture<?> timer;
    private long discarded;
    private boolean closing;

    private LingeringClose(ByteBuf answer) {
        this.answer = answer;
    }

    /** Answers {@code ch} with {@code answer} (owned) and closes; on the channel's loop. */
    public static void refuse(Channel ch, ByteBuf answer) {
        ch.pipeline().addFirst(new LingeringClose(answer));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        graceful(ctx);
        timer = ctx.executor().schedule(() -> finish(ctx), LINGER_MS, TimeUnit.MILLISECONDS);
        ByteBuf a = answer;
        answer = null;
        ctx.writeAndFlush(a).addListener(f -> {
            if (!f.isSuccess() || !(ctx.channel() instanceof DuplexChannel d)) {
                finish(ctx);
                return;
            }
            d.shutdownOutput().addListener(g -> ctx.read());
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            discarded += b.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (discarded > MAX_DISCARD) {
            finish(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!closing) {
            ctx.read();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            finish(ctx);
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(ctx); // the client reset: nothing left to tell it
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (closing) {
            ctx.close(promise);
        } else {
            ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
        }
    }

    private void finish(ChannelHandlerContext ctx) {
        if (closing) {
            return;
        }
        closing = true;
        if (timer != null) {
            timer.cancel(false);
        }
        graceful(ctx); // again: a failed open's reset sets SO_LINGER 0 while we answer
        ctx.close();
    }

    private static void graceful(ChannelHandlerContext ctx) {
        try {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, -1);
        } catch (RuntimeException ignored) {
            // the socket is gone or does not know the option (tests); close() is all that matters
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ReferenceCountUtil.release(answer);
        answer = null;
    }
}
