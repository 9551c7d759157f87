package io.p2proxy.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.p2proxy.stun.internal.MessageDecoder;
import io.p2proxy.stun.internal.MessageEncoder;
import java.util.Objects;

/**
 * Encodes and decodes STUN messages (RFC 8489). Decoding reads a buffer's readable bytes as one
 * whole message, leaves its indices and reference count alone, and fails only with
 * {@link StunException}: safe on untrusted datagrams.
 */
public final class StunCodec {

    private StunCodec() {
    }

    /** Writes the message as it is, MESSAGE-INTEGRITY or FINGERPRINT values included verbatim. */
    public static ByteBuf encode(ByteBufAllocator alloc, StunMessage message) {
        return encode(alloc, message, StunProtection.NONE);
    }

    /**
     * Writes the message and appends the integrity attributes {@code protection} asks for, each
     * computed with the length field adjusted per §14.5–§14.7. The caller owns the returned buffer.
     *
     * @throws IllegalArgumentException if the message is too large or already carries integrity attributes
     */
    public static ByteBuf encode(ByteBufAllocator alloc, StunMessage message, StunProtection protection) {
        Objects.requireNonNull(alloc, "alloc");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(protection, "protection");
        return MessageEncoder.encode(alloc, message, protection);
    }

    public static byte[] encodeToBytes(StunMessage message, StunProtection protection) {
        ByteBuf buf = encode(UnpooledByteBufAllocator.DEFAULT, message, protection);
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /** Structure only: no integrity or fingerprint check. */
    public static StunMessage decode(ByteBuf in) throws StunException {
        Objects.requireNonNull(in, "in");
        return MessageDecoder.decode(in, null);
    }

    /**
     * Decodes and checks: a present FINGERPRINT must match; what {@code protection} requires must
     * be present and match. The exception's {@link StunException#reason()} says which check failed.
     */
    public static StunMessage decode(ByteBuf in, StunProtection protection) throws StunException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(protection, "protection");
        return MessageDecoder.decode(in, protection);
    }

    public static StunMessage decode(byte[] in) throws StunException {
        return decode(Unpooled.wrappedBuffer(in));
    }

    public static StunMessage decode(byte[] in, StunProtection protection) throws StunException {
        return decode(Unpooled.wrappedBuffer(in), protection);
    }
}
