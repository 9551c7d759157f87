package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every protocol listener does before its first request is complete: collect the client's
 * bytes (AUTO_READ is off: read only while the request is incomplete), give up after a deadline,
 * close a client that ends early, and leave the pipeline once the request is decided. Subclasses
 * parse {@link #buffer} in {@link #parse}.
 */
abstract class FirstRequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FirstRequestHandler.class);
    static final long DEADLINE_MS = 30_000;

    final String label;
    /** What the client sent so far; null once handed on or released. */
    ByteBuf buffer;
    private ScheduledFuture<?> deadline;

    FirstRequestHandler(String label) {
        this.label = label;
    }

    /** Initial capacity of {@link #buffer}. */
    abstract int initialCapacity();

    /** What is expected, for log lines: "a complete request head". */
    abstract String expected();

    /** The deadline passed before the request was complete. */
    abstract void timedOut(ChannelHandlerContext ctx);

    /** More bytes are in {@link #buffer}: decide, or {@code ctx.read()} for more. */
    abstract void parse(ChannelHandlerContext ctx);

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        buffer = ctx.alloc().heapBuffer(initialCapacity());
        deadline = ctx.executor().schedule(() -> timedOut(ctx), DEADLINE_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf b && buffer != null) {
                buffer.writeBytes(b);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
        if (buffer != null) {
            parse(ctx);
        }
    }

    /** Hands the collected bytes to the caller (who now owns them). */
    ByteBuf takeBuffer() {
        ByteBuf b = buffer;
        buffer = null;
        return b;
    }

    void leave(ChannelHandlerContext ctx) {
        if (ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            log.debug("{}: client {} ended before {}", label, Clients.describe(ctx.channel()), expected());
            leave(ctx);
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.cancel(false);
        ReferenceCountUtil.release(buffer);
        buffer = null;
    }
}
