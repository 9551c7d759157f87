package io.p2proxy.signal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.p2proxy.common.PeerName;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The payload of a binary WebSocket frame: one relayed datagram, both directions.
 *
 * <pre>
 * [u8 n][n bytes: peer name, ASCII][datagram: 1..1500 bytes]
 * </pre>
 *
 * Peer to server, the name is the destination; server to peer, the server has rewritten it to the
 * verified sender. The datagram is opaque (a QUIC packet): nobody on the way looks inside. Anything
 * else ({@code n} = 0 or > 63, a name that is not a {@link PeerName}, no datagram, a datagram over
 * {@link #MAX_DATAGRAM_BYTES}) is malformed: {@link #decode} returns null and the reader drops it.
 *
 * @param peer     the destination (to the server) or the verified sender (from the server)
 * @param datagram a slice of the frame that shares its reference count: not retained
 */
public record RelayFrame(String peer, ByteBuf datagram) {

    /** Largest relayed datagram: a full Ethernet MTU, more than any QUIC packet we send. */
    public static final int MAX_DATAGRAM_BYTES = 1500;

    /** Longest peer name (SPEC.md, "Names"). */
    public static final int MAX_NAME_BYTES = 63;

    /** Largest frame payload either end writes or accepts. */
    public static final int MAX_FRAME_BYTES = 1 + MAX_NAME_BYTES + MAX_DATAGRAM_BYTES;

    public RelayFrame {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(datagram, "datagram");
    }

    /**
     * Reads a frame's payload without moving its reader index or touching its reference count.
     *
     * @return the name and a slice of the datagram, or null when {@code frame} is malformed
     */
    public static RelayFrame decode(ByteBuf frame) {
        int start = frame.readerIndex();
        int size = frame.readableBytes();
        if (size < 2) {
            return null;
        }
        int n = frame.getUnsignedByte(start);
        int datagram = size - 1 - n;
        if (n == 0 || n > MAX_NAME_BYTES || datagram < 1 || datagram > MAX_DATAGRAM_BYTES
                || !validName(frame, start + 1, n)) {
            return null;
        }
        String peer = frame.toString(start + 1, n, StandardCharsets.US_ASCII);
        return new RelayFrame(peer, frame.slice(start + 1 + n, datagram));
    }

    /**
     * A new buffer from {@code alloc} holding the frame for {@code peer} and the readable bytes of
     * {@code datagram}. Neither moves nor releases {@code datagram}: the caller still owns it.
     *
     * @throws IllegalArgumentException when {@code peer} is not a peer name, or the datagram is
     *                                  empty or larger than {@link #MAX_DATAGRAM_BYTES}
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String peer, ByteBuf datagram) {
        PeerName.check(peer);
        int size = datagram.readableBytes();
        checkSize(size);
        ByteBuf out = alloc.buffer(1 + peer.length() + size);
        out.writeByte(peer.length());
        out.writeCharSequence(peer, StandardCharsets.US_ASCII);
        out.writeBytes(datagram, datagram.readerIndex(), size);
        return out;
    }

    /** @throws IllegalArgumentException unless {@code size} is 1 to {@link #MAX_DATAGRAM_BYTES} */
    public static void checkSize(int size) {
        if (size < 1 || size > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("datagram: " + size + " bytes (expected: 1.." + MAX_DATAGRAM_BYTES + ")");
        }
    }

    /** {@link PeerName}'s rule on raw bytes, so that no string is made of a name that is not one. */
    private static boolean validName(ByteBuf buf, int index, int length) {
        for (int i = 0; i < length; i++) {
            byte b = buf.getByte(index + i);
            boolean ok = b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' && i > 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
