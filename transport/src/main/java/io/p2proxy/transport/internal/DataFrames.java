package io.p2proxy.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamFrame;

/**
 * Data after OPEN/ANSWER travels as chunks: a QUIC variable-length integer (RFC 9000 section 16)
 * giving the chunk's length, then the bytes. A zero-length chunk is END: the sender's TCP side
 * half-closed. END always rides in the same STREAM frame as the QUIC FIN.
 *
 * <p>Why not raw bytes: a FIN with no data can be lost (quiche issue #2525: {@code stream_send(id,
 * "", true)} sets the final size at an offset that may already be acknowledged, the stream counts as
 * complete and the FIN-bearing frame is never sent or retransmitted). When TCP half-closes with
 * nothing queued, raw bytes leave only an empty FIN to send. END gives that FIN a byte to travel
 * with, in every case. It also tells a complete stream from a cut-short one: a FIN without END
 * means the sender did not finish, so the receiver resets its TCP side rather than closing it
 * cleanly.
 */
public final class DataFrames {

    /** Chunks longer than this are a protocol error; the encoder never makes them (TCP reads are smaller). */
    public static final long MAX_CHUNK = 1 << 24;

    private DataFrames() {
    }

    /** The END marker together with the QUIC FIN, as one frame. */
    public static QuicStreamFrame end(ByteBufAllocator alloc) {
        return new DefaultQuicStreamFrame(alloc.directBuffer(1).writeByte(0), true);
    }

    /** Writes {@code value} as a QUIC varint (RFC 9000 section 16): 2-bit length prefix, big-endian. */
    public static void writeVarint(ByteBuf out, long value) {
        if (value < 0 || value >= (1L << 62)) {
            throw new IllegalArgumentException("varint: " + value + " (expected: 0..2^62-1)");
        }
        if (value < (1 << 6)) {
            out.writeByte((int) value);
        } else if (value < (1 << 14)) {
            out.writeShort((int) (0x4000 | value));
        } else if (value < (1L << 30)) {
            out.writeInt((int) (0x80000000L | value));
        } else {
            out.writeLong(0xC000000000000000L | value);
        }
    }

    public static int varintLength(int firstByte) {
        return 1 << (firstByte >> 6);
    }
}
