package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * First in a client's pipeline while its stream opens; owned by the client channel's loop.
 *
 * <ul>
 *   <li>Inbound: holds the bytes the client sent behind its request and fires them at the first
 *       {@code read()} from behind it, that is when the splice starts reading; so they reach the
 *       stream before anything read later, and nothing is lost.</li>
 *   <li>Outbound: holds the target's bytes, flushes and closes until the listener has answered
 *       ({@link #opened}): the success reply goes first, whatever order the futures complete in.
 *       On {@link #refused} they are dropped and {@link LingeringClose} answers and closes.</li>
 * </ul>
 */
public final class OpenGate extends ChannelDuplexHandler {

    private record Held(Object msg, ChannelPromise promise) {
    }

    private ByteBuf early;
    private final Queue<Held> writes = new ArrayDeque<>();
    private final Queue<ChannelPromise> closes = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean decided;

    public OpenGate(ByteBuf early) {
        this.early = early;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        ByteBuf e = early;
        early = null;
        if (e == null || !e.isReadable()) {
            ReferenceCountUtil.release(e);
            ctx.read();
        } else {
            ctx.fireChannelRead(e);
            ctx.fireChannelReadComplete(); // the reader asks for more from there
        }
        maybeLeave();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (decided) {
            ctx.write(msg, promise);
        } else {
            writes.add(new Held(msg, promise));
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (decided) {
            ctx.flush();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (decided) {
            ctx.close(promise);
        } else {
            closes.add(promise);
        }
    }

    /** The stream opened: {@code reply} (owned, may be null) goes out first, then what was held. */
    public void opened(ByteBuf reply) {
        assert ctx.executor().inEventLoop();
        decided = true;
        if (reply != null) {
            ctx.write(reply);
        }
        for (Held h; (h = writes.poll()) != null; ) {
            ctx.write(h.msg(), h.promise());
        }
        ctx.flush();
        for (ChannelPromise p; (p = closes.poll()) != null; ) {
            ctx.close(p);
        }
        maybeLeave();
    }

    /** The stream did not open: drops what was held, answers with {@code answer} (owned), closes. */
    public void refused(ByteBuf answer) {
        assert ctx.executor().inEventLoop();
        decided = true;
        dropHeld();
        ctx.channel().closeFuture().addListener(f -> {
            for (ChannelPromise p; (p = closes.poll()) != null; ) {
                p.trySuccess();
            }
        });
        if (ctx.channel().isActive()) {
            ctx.pipeline().remove(this);
            LingeringClose.refuse(ctx.channel(), answer);
        } else {
            answer.release();
            ctx.close();
        }
    }

    /** The channel could not be moved (it is registered nowhere): drops what was held; the caller closes it. */
    public void abandon() {
        decided = true;
        dropHeld();
    }

    private void maybeLeave() {
        if (decided && early == null && ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this);
        }
    }

    private void dropHeld() {
        ReferenceCountUtil.release(early);
        early = null;
        for (Held h; (h = writes.poll()) != null; ) {
            ReferenceCountUtil.release(h.msg());
            h.promise().tryFailure(new java.nio.channels.ClosedChannelException());
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        dropHeld();
    }
}
