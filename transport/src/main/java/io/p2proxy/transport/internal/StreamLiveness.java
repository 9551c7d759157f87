package io.p2proxy.transport.internal;

import io.netty.handler.codec.quic.QuicStreamChannel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks quiche whether a stream still exists, for the one case Netty QUIC never reports.
 *
 * <p>The case (measured with qlog, NOTES.md): our receive side is finished (the peer's END and FIN
 * were read), our send side is blocked on flow control, and the peer then sends STOP_SENDING.
 * quiche answers with RESET_STREAM by itself, finds the stream complete and forgets it. Netty's
 * stream channel learns of a stopped stream only through quiche's writable-streams list, which no
 * longer holds a forgotten stream, so the channel stays open with its writes queued until the
 * connection ends. Asking quiche for the stream's send capacity tells: a forgotten or stopped
 * stream answers with an error instead of a byte count.
 *
 * <p>Netty 4.2.18 keeps that query package-private ({@code QuicheQuicChannel.streamCapacity});
 * it is looked up once. Where it is missing (another Netty) {@link #gone} always answers false,
 * and such a stream is released when its connection closes, as before.
 */
final class StreamLiveness {

    private static final Logger log = LoggerFactory.getLogger(StreamLiveness.class);
    private static final MethodHandle CAPACITY = lookup();
    /** quiche's QUICHE_ERR_DONE: nothing to report, the stream is fine. */
    private static final long DONE = -1;

    private StreamLiveness() {
    }

    private static MethodHandle lookup() {
        try {
            Class<?> quiche = Class.forName("io.netty.handler.codec.quic.QuicheQuicChannel");
            Method m = quiche.getDeclaredMethod("streamCapacity", long.class);
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(long.class, Object.class, long.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("stream liveness probe unavailable: {}", e.toString());
            return null;
        }
    }

    /** True when the probe can run on this Netty. */
    static boolean available() {
        return CAPACITY != null;
    }

    /**
     * True when quiche no longer has {@code stream} or the peer stopped it. Call on the stream's
     * event loop.
     */
    static boolean gone(QuicStreamChannel stream) {
        if (CAPACITY == null || !stream.isOpen()) {
            return false;
        }
        try {
            long capacity = (long) CAPACITY.invokeExact((Object) stream.parent(), stream.streamId());
            return capacity < 0 && capacity != DONE;
        } catch (Throwable e) {
            // A closed connection's query throws; its streams are being closed by that anyway.
            return false;
        }
    }
}
