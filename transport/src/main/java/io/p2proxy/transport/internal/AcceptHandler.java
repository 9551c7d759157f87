package io.p2proxy.transport.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.p2proxy.transport.OpenError;
import io.p2proxy.transport.StreamResolver;
import java.net.ConnectException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptor's stream pipeline while a stream opens: reads OPEN (incrementally, at most
 * {@link StreamWire#MAX_OPEN_BODY} bytes, within {@code openTimeout}), asks the resolver, connects
 * TCP to the publisher's own target, answers, then hands over to a {@link Splice} with any data the
 * opener sent right behind OPEN. Reads nothing further while connecting: QUIC flow control holds
 * the opener back. Refusals cost one answer and one stream; nothing stays behind.
 */
final class AcceptHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AcceptHandler.class);

    private final QuicLink link;
    private ByteBuf cumulation;
    private ScheduledFuture<?> timeout;
    private Channel target;
    private boolean pending;
    private String label = "";

    AcceptHandler(QuicLink link) {
        this.link = link;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        label = "peer " + link.core().remote().shortForm() + " stream " + stream.streamId();
        if (link.pendingOpens >= link.core().config().maxPendingOpens()) {
            log.info("{}: refused, {} opens already in progress", label, link.pendingOpens);
            stream.shutdown(AppCodes.STREAM_BUSY);
            stream.close();
            return;
        }
        pending = true;
        link.pendingOpens++;
        timeout = ctx.executor().schedule(() -> refuse(ctx, OpenError.BAD_REQUEST, "no complete OPEN in time"),
                link.core().config().openTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (!pending || target != null) {
            in.release(); // refused already, or bytes after a completed read: never asked for
            return;
        }
        cumulation = cumulation == null ? in : ctx.alloc().compositeBuffer().addComponents(true, cumulation, in);
        OpenFrame open;
        try {
            open = StreamWire.decodeOpen(cumulation);
        } catch (BadFrameException e) {
            refuse(ctx, OpenError.BAD_REQUEST, e.getMessage());
            return;
        }
        if (open == null) {
            ctx.read();
            return;
        }
        timeout.cancel(false);
        label = "peer " + link.core().remote().shortForm() + " resource " + open.resource()
                + " client " + open.metadata().client();
        StreamResolver.Resolution resolution;
        try {
            resolution = link.core().resolver().resolve(link.core().remote(), open.resource());
        } catch (RuntimeException e) {
            log.warn("{}: resolver failed: {}", label, e.toString());
            resolution = StreamResolver.Resolution.refuse(OpenError.NOT_FOUND_OR_DENIED);
        }
        if (resolution instanceof StreamResolver.Refused refused) {
            refuse(ctx, refused.error(), "resolver");
        } else if (resolution instanceof StreamResolver.Target t) {
            connect(ctx, t);
        }
    }

    private void connect(ChannelHandlerContext ctx, StreamResolver.Target t) {
        ChannelFuture f = new Bootstrap().group(ctx.channel().eventLoop()).channel(link.core().socketClass())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) link.core().config().connectTimeout().toMillis())
                .handler(new ChannelInboundHandlerAdapter())
                .connect(t.target().unresolved());
        target = f.channel();
        f.addListener(done -> {
            if (!pending) {
                target.close(); // the stream went away while connecting
            } else if (done.isSuccess()) {
                accepted(ctx, t);
            } else {
                boolean refused = done.cause() instanceof ConnectException && !(done.cause() instanceof ConnectTimeoutException);
                refuse(ctx, refused ? OpenError.TARGET_REFUSED : OpenError.TARGET_UNREACHABLE, t.target() + ": " + done.cause().getMessage());
            }
        });
    }

    private void accepted(ChannelHandlerContext ctx, StreamResolver.Target t) {
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        finishPending();
        log.debug("{}: connected to {}", label, t.target());
        ByteBuf answer = ctx.alloc().directBuffer(StreamWire.ANSWER_LENGTH);
        StreamWire.encodeAnswer(StreamWire.OK, answer);
        stream.write(new DefaultQuicStreamFrame(answer, false));
        Splice splice = new Splice((DuplexChannel) target, stream, link.core().traffic(), label);
        splice.install();
        ByteBuf rest = cumulation;
        cumulation = null;
        ctx.pipeline().remove(this);
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest); // data the opener sent right behind OPEN, before anything newer
            // Outside a read loop nothing else completes this read: without it the splice never flushes
            // these bytes to the target (they sat in its outbound buffer until the opener sent more).
            ctx.fireChannelReadComplete();
        } else {
            rest.release();
        }
        splice.startReading();
    }

    private void refuse(ChannelHandlerContext ctx, OpenError error, String reason) {
        if (!pending) {
            return;
        }
        finishPending();
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        log.info("{}: refused {} ({})", label, error, reason);
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        ByteBuf answer = ctx.alloc().directBuffer(StreamWire.ANSWER_LENGTH);
        StreamWire.encodeAnswer(error.wire(), answer);
        // The answer carries the FIN (never an empty FIN); STOP_SENDING discards what the opener sent.
        stream.write(new DefaultQuicStreamFrame(answer, true)).addListener(f -> {
            stream.shutdownInput(AppCodes.STREAM_CANCELLED);
            stream.close();
        });
    }

    private void finishPending() {
        if (pending) {
            pending = false;
            link.pendingOpens--;
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: stream failed while opening: {}", label, cause.toString());
        cleanUp();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cleanUp();
        ctx.fireChannelInactive();
    }

    private void cleanUp() {
        boolean wasConnecting = pending && target != null;
        finishPending();
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        if (wasConnecting) {
            target.close();
        }
    }
}
