package io.p2proxy.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one local TCP socket and one QUIC stream, both on the same event loop (no locks: every
 * field is the loop's). Backpressure: AUTO_READ is off on both; each side reads its next chunk only
 * while the other side is writable (for the stream that means quiche has capacity).
 *
 * <p>Endings, per direction: TCP FIN becomes END+FIN on the stream ({@link DataFrames}); END from
 * the stream becomes TCP shutdownOutput once every byte before it is flushed; the other direction
 * keeps flowing. When both directions ended, both channels close. Anything else is an abort: a
 * TCP error or RST resets the stream both ways (RESET_STREAM and STOP_SENDING, RFC 9000 sections
 * 19.4-19.5); a stream reset, a FIN without END, or a lost connection closes TCP with RST.
 *
 * <p>Once the peer's END arrived, only our direction is left; until it ends too a probe asks every
 * {@link #PROBE_MILLIS} ms whether quiche forgot the stream after a STOP_SENDING (see
 * {@link StreamLiveness}), the one way the peer's abort would otherwise go unnoticed.
 */
public final class Splice {

    private static final Logger log = LoggerFactory.getLogger(Splice.class);
    static final long PROBE_MILLIS = 500;
    private static final String STOPPED = "the peer stopped reading";

    private final DuplexChannel tcp;
    private final QuicStreamChannel stream;
    private final Traffic traffic;
    private final String label;
    private final ChannelFutureListener streamWriteFailed = f -> {
        if (!f.isSuccess()) {
            if (f.cause() instanceof ChannelOutputShutdownException
                    && String.valueOf(f.cause().getMessage()).contains("STOP_SENDING")) {
                farEndLeft(STOPPED + " (STOP_SENDING)");
            } else {
                abortFromStream("stream write failed: " + f.cause());
            }
        }
    };
    private final ChannelFutureListener tcpWriteFailed = f -> {
        if (!f.isSuccess()) {
            abortFromTcp("tcp write failed: " + f.cause());
        }
    };
    private boolean tcpEnded;
    private boolean endSent;
    private boolean streamEnded;
    private boolean tcpShut;
    private boolean done;
    private ScheduledFuture<?> probe;

    public Splice(DuplexChannel tcp, QuicStreamChannel stream, Traffic traffic, String label) {
        assert stream.eventLoop() == tcp.eventLoop() : "a splice lives on one event loop";
        this.tcp = tcp;
        this.stream = stream;
        this.traffic = traffic;
        this.label = label;
    }

    /** Adds the relay handlers at the end of both pipelines and starts reading both sides. */
    public void start() {
        install();
        startReading();
    }

    /** Adds the relay handlers; bytes already received may be fired into the stream pipeline next. */
    public void install() {
        stream.pipeline().addLast(new DataFrameEncoder(), new DataFrameDecoder(), new StreamSide());
        tcp.pipeline().addLast(new TcpSide());
    }

    public void startReading() {
        if (!tcp.isActive()) {
            abortFromTcp("client left before the stream opened");
            return;
        }
        tcp.read();
        stream.read();
    }

    public boolean done() {
        return done;
    }

    private void maybeFinish() {
        if (endSent && tcpShut && !done) {
            finished();
            tcp.close();
            stream.close();
        }
    }

    /** The TCP side failed or went away: reset the stream both ways, close TCP with RST. */
    public void abortFromTcp(String reason) {
        if (done) {
            return;
        }
        finished();
        log.debug("{}: reset from the local side ({})", label, reason);
        resetStream(AppCodes.STREAM_TCP_RESET);
        AppCodes.resetTcp(tcp);
    }

    /** The stream was reset, cut short or lost: TCP gets RST, never a clean FIN. */
    public void abortFromStream(String reason) {
        abortFromStream(reason, false);
    }

    /** The far end's own client went away (its TCP reset): the same abort, no news for the log. */
    private void farEndLeft(String reason) {
        abortFromStream(reason, true);
    }

    private void abortFromStream(String reason, boolean farEndLeft) {
        if (done) {
            return;
        }
        finished();
        if (farEndLeft) {
            log.debug("{}: the far end closed ({})", label, reason);
        } else {
            log.info("{}: reset ({})", label, reason);
        }
        AppCodes.resetTcp(tcp);
        resetStream(AppCodes.STREAM_TCP_RESET);
    }

    private void finished() {
        done = true;
        if (probe != null) {
            probe.cancel(false);
            probe = null;
        }
    }

    /** Our direction is the last one: watch for a STOP_SENDING that Netty would not report. */
    private void startProbe() {
        if (probe == null && !done && StreamLiveness.available()) {
            probe = stream.eventLoop().scheduleAtFixedRate(() -> {
                if (!done && StreamLiveness.gone(stream)) {
                    farEndLeft(STOPPED + " (STOP_SENDING after its END)");
                }
            }, PROBE_MILLIS, PROBE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void resetStream(int code) {
        if (stream.isOpen()) {
            stream.shutdown(code); // RESET_STREAM and STOP_SENDING; queued writes are dropped on purpose
            stream.close();
        }
    }

    /** In the TCP pipeline: TCP to stream. */
    private final class TcpSide extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (done || !(msg instanceof ByteBuf buf)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            traffic.sent += buf.readableBytes();
            stream.write(buf).addListener(streamWriteFailed);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (!done && !tcpEnded && stream.isWritable()) {
                tcp.read(); // else StreamSide.channelWritabilityChanged resumes
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (!done && !streamEnded && tcp.isWritable()) {
                stream.read();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if ((evt instanceof ChannelInputShutdownEvent || evt instanceof ChannelInputShutdownReadComplete)
                    && !tcpEnded && !done) {
                tcpEnded = true;
                // END rides with the FIN, behind any queued writes: never an empty FIN (quiche #2525).
                stream.write(DataFrames.end(ctx.alloc())).addListener(f -> {
                    if (f.isSuccess()) {
                        endSent = true;
                        maybeFinish();
                    } else {
                        abortFromStream("cannot send END: " + f.cause());
                    }
                });
            }
            ReferenceCountUtil.release(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            abortFromTcp(String.valueOf(cause.getMessage()));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            abortFromTcp("local socket closed");
        }
    }

    /** In the stream pipeline, behind {@link DataFrameDecoder}: stream to TCP. */
    private final class StreamSide extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (done || !(msg instanceof ByteBuf buf)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            traffic.received += buf.readableBytes();
            tcp.write(buf).addListener(tcpWriteFailed);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (done) {
                return;
            }
            tcp.flush();
            if (!streamEnded && tcp.isWritable()) {
                stream.read(); // else TcpSide.channelWritabilityChanged resumes
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (!done && !tcpEnded && stream.isWritable()) {
                tcp.read();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == EndOfData.INSTANCE && !streamEnded && !done) {
                streamEnded = true;
                if (!endSent) {
                    startProbe();
                }
                // shutdownOutput fails queued writes: wait until everything before END is written.
                tcp.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                    if (f.isSuccess() && !done) {
                        tcp.shutdownOutput().addListener(g -> {
                            tcpShut = true;
                            maybeFinish();
                        });
                    }
                });
            } else if (evt instanceof ChannelInputShutdownEvent && !streamEnded) {
                abortFromStream("stream ended without END");
            }
            ReferenceCountUtil.release(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof QuicStreamResetException reset) {
                String reason = "reset by peer, code 0x" + Long.toHexString(reset.applicationProtocolCode());
                abortFromStream(reason, reset.applicationProtocolCode() == AppCodes.STREAM_TCP_RESET);
            } else {
                abortFromStream(String.valueOf(cause.getMessage()));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // Netty closes a stream once FIN went both ways; the TCP side may still be flushing.
            if (!(streamEnded && endSent)) {
                abortFromStream(stream.parent().isActive() ? "stream closed" : "connection lost");
            }
        }
    }
}
