package io.p2proxy.rtsp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseCombiner;
import java.util.ArrayDeque;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server to client, outbound, first after the socket: the splice writes the server's bytes from
 * the pipeline's tail, they are split here ({@link RtspSplitter}), messages are put into the
 * client's form ({@link RtspRoute#toClient}) and interleaved media goes on as slices of what the
 * splice wrote: no copy, and the channel's writability (which the splice reads for backpressure)
 * counts every byte. A write's promise completes when all it became is written; a write that
 * became nothing (a partial head, the splice's empty END marker) still goes out as an empty
 * buffer, so that ordering holds for the splice's {@code shutdownOutput} after END.
 * {@link LocalReply}s wait for the next boundary between two units.
 */
public final class ResponseRewriter extends ChannelOutboundHandlerAdapter implements RtspSplitter.Sink {

    private static final Logger log = LoggerFactory.getLogger(ResponseRewriter.class);

    private record Held(LocalReply reply, ChannelPromise promise) {
    }

    private final RtspSplitter splitter = new RtspSplitter();
    private final Queue<Held> held = new ArrayDeque<>();
    private final RouteSlot slot;
    private final String label;
    private ChannelHandlerContext ctx;
    private PromiseCombiner writes;

    public ResponseRewriter(RouteSlot slot, String label) {
        this.slot = slot;
        this.label = label;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LocalReply reply) {
            held.add(new Held(reply, promise));
            if (splitter.atBoundary()) {
                writeHeld();
            }
            return;
        }
        if (!(msg instanceof ByteBuf in)) {
            ctx.write(msg, promise);
            return;
        }
        writes = new PromiseCombiner(ctx.executor());
        try {
            while (in.isReadable()) {
                splitter.feed(in, this, !held.isEmpty());
                if (splitter.atBoundary()) {
                    writeHeld();
                }
            }
            writes.add(ctx.write(Unpooled.EMPTY_BUFFER));
            writes.finish(promise);
        } catch (RtspParseException e) {
            log.info("{}: server of {} sent what is not RTSP: {}", label, slot.get() == null ? "?" : slot.get().address(),
                    e.getMessage());
            writes.finish(ctx.newPromise()); // what went out before is fine; this write fails: the splice resets
            promise.tryFailure(e);
        } finally {
            writes = null;
            in.release();
        }
    }

    private void writeHeld() {
        Held h;
        while ((h = held.poll()) != null) {
            ctx.write(Unpooled.wrappedBuffer(h.reply().bytes()), h.promise());
        }
        ctx.flush();
    }

    @Override
    public void message(RtspMessage m) {
        RtspRoute route = slot.get();
        if (route != null) {
            if (!m.isResponse()) {
                m = m.withUri(route.toClient(m.uri())); // a server's request: REDIRECT, GET_PARAMETER, ANNOUNCE
            }
            m = UriRewriter.rewrite(m, route::toClient);
        }
        writes.add(ctx.write(Unpooled.wrappedBuffer(m.encode())));
    }

    @Override
    public void raw(ByteBuf slice) {
        writes.add(ctx.write(slice));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        Held h;
        while ((h = held.poll()) != null) {
            h.promise().tryFailure(new IllegalStateException("connection closed"));
        }
    }
}
