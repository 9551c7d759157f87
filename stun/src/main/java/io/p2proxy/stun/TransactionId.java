package io.p2proxy.stun;

import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The 96-bit transaction id of RFC 8489 §5, as two numbers so that it is a cheap map key. The
 * RFC asks for ids "uniformly and randomly chosen" and cryptographically random: {@link #random()}.
 */
public record TransactionId(int high, long low) {

    public static final int LENGTH = 12;

    private static final SecureRandom RANDOM = new SecureRandom();

    public static TransactionId random() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return of(bytes);
    }

    public static TransactionId of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("bytes: " + bytes.length + " (expected: " + LENGTH + ")");
        }
        int high = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 8 | (bytes[i] & 0xff);
        }
        long low = 0;
        for (int i = 4; i < LENGTH; i++) {
            low = low << 8 | (bytes[i] & 0xff);
        }
        return new TransactionId(high, low);
    }

    /** Reads the id at an absolute index, leaving the reader index alone. */
    public static TransactionId read(ByteBuf buf, int index) {
        return new TransactionId(buf.getInt(index), buf.getLong(index + 4));
    }

    public void write(ByteBuf buf) {
        buf.writeInt(high).writeLong(low);
    }

    public byte[] toBytes() {
        byte[] bytes = new byte[LENGTH];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (high >>> (24 - 8 * i));
        }
        for (int i = 0; i < 8; i++) {
            bytes[4 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    @Override
    public String toString() {
        return String.format("%08x%016x", high, low);
    }
}
