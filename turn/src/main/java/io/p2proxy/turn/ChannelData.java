package io.p2proxy.turn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;

/**
 * The ChannelData message (RFC 8656 §12.4): a 2-byte channel number, a 2-byte length of the
 * application data, then the data. Over UDP padding to a multiple of four is optional (§12.5:
 * "not required but MAY be included"), so we send none and accept up to three pad bytes; over a
 * stream (TCP) every message is padded so the next one starts aligned.
 */
public final class ChannelData {

    /** §12: valid channel numbers are 0x4000 through 0x4FFF. */
    public static final int MIN_CHANNEL = 0x4000;
    public static final int MAX_CHANNEL = 0x4FFF;
    public static final int HEADER_LENGTH = 4;

    /** Where the data of a ChannelData message lies in the buffer it was read from (absolute indices). */
    public record Frame(int channel, int dataIndex, int dataLength) {
    }

    private ChannelData() {
    }

    /**
     * Whether the first byte says ChannelData: 0x40..0x4F (RFC 7983 §7, RFC 8656 §12). That range
     * overlaps QUIC short headers, so only trust it for datagrams from the TURN server.
     */
    public static boolean looksLike(ByteBuf buf) {
        if (buf.readableBytes() < HEADER_LENGTH) {
            return false;
        }
        int first = buf.getUnsignedByte(buf.readerIndex());
        return first >= 0x40 && first <= 0x4F;
    }

    public static boolean validChannel(int channel) {
        return channel >= MIN_CHANNEL && channel <= MAX_CHANNEL;
    }

    /**
     * A whole UDP datagram as ChannelData, or null when it is not one: shorter than its length
     * field claims (§12.6: silently discarded), more than three bytes beyond it, or a channel
     * number outside 0x4000..0x4FFF. Indices and reference count are untouched.
     */
    public static Frame decodeDatagram(ByteBuf datagram) {
        Objects.requireNonNull(datagram, "datagram");
        if (!looksLike(datagram)) {
            return null;
        }
        int start = datagram.readerIndex();
        int channel = datagram.getUnsignedShort(start);
        int length = datagram.getUnsignedShort(start + 2);
        int available = datagram.readableBytes() - HEADER_LENGTH;
        if (!validChannel(channel) || available < length || available - length > 3) {
            return null;
        }
        return new Frame(channel, start + HEADER_LENGTH, length);
    }

    /**
     * The length a framed message takes on a stream, padding included (§12.5), or -1 if fewer
     * than four bytes are readable. Does not check the channel number.
     */
    public static int streamFrameLength(ByteBuf stream) {
        if (stream.readableBytes() < HEADER_LENGTH) {
            return -1;
        }
        int length = stream.getUnsignedShort(stream.readerIndex() + 2);
        return HEADER_LENGTH + pad(length);
    }

    /**
     * Writes {@code data}'s readable bytes as one ChannelData message; {@code padded} for streams.
     * The caller keeps ownership of {@code data} and owns the returned buffer.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, int channel, ByteBuf data, boolean padded) {
        Objects.requireNonNull(alloc, "alloc");
        Objects.requireNonNull(data, "data");
        if (!validChannel(channel)) {
            throw new IllegalArgumentException(String.format("channel: 0x%04x (expected: 0x4000..0x4FFF)", channel));
        }
        int length = data.readableBytes();
        if (length > 0xffff) {
            throw new IllegalArgumentException("data: " + length + " bytes (expected: <= 65535)");
        }
        int total = HEADER_LENGTH + (padded ? pad(length) : length);
        ByteBuf out = alloc.directBuffer(total);
        out.writeShort(channel).writeShort(length).writeBytes(data, data.readerIndex(), length);
        out.writeZero(total - out.writerIndex());
        return out;
    }

    private static int pad(int length) {
        return (length + 3) & ~3;
    }
}
