package io.p2proxy.stun.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunProtection;

/**
 * Writes a message, then the integrity attributes a {@link StunProtection} asks for, in the order
 * RFC 8489 requires: MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256, FINGERPRINT (§14.5–§14.7).
 */
public final class MessageEncoder {

    private static final int MAX_LENGTH = 0xffff;

    private MessageEncoder() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc, StunMessage message, StunProtection protection) {
        if (protection.integrity() || protection.fingerprint()) {
            for (StunAttribute a : message.attributes()) {
                if (a instanceof StunAttribute.MessageIntegrity || a instanceof StunAttribute.MessageIntegritySha256
                        || a instanceof StunAttribute.Fingerprint) {
                    throw new IllegalArgumentException("message already has " + a.getClass().getSimpleName()
                            + " (expected: none when a protection adds them)");
                }
            }
        }
        ByteBuf out = alloc.buffer(256);
        try {
            int start = out.writerIndex();
            out.writeShort(type(message));
            out.writeShort(0);
            out.writeInt(Addresses.MAGIC_COOKIE);
            message.transactionId().write(out);
            for (StunAttribute a : message.attributes()) {
                AttributeWriter.write(out, a, message.transactionId());
            }
            if (protection.sha1()) {
                byte[] mac = Integrity.hmac(Integrity.SHA1, protection.key().bytes(), out, start, out.writerIndex(),
                        StunAttribute.MessageIntegrity.LENGTH);
                out.writeShort(StunAttribute.MessageIntegrity.TYPE).writeShort(mac.length).writeBytes(mac);
            }
            if (protection.sha256()) {
                byte[] mac = Integrity.hmac(Integrity.SHA256, protection.key().bytes(), out, start, out.writerIndex(),
                        32);
                out.writeShort(StunAttribute.MessageIntegritySha256.TYPE).writeShort(mac.length).writeBytes(mac);
            }
            if (protection.fingerprint()) {
                int crc = Integrity.fingerprint(out, start, out.writerIndex());
                out.writeShort(StunAttribute.Fingerprint.TYPE).writeShort(4).writeInt(crc);
            }
            int length = out.writerIndex() - start - MessageDecoder.HEADER;
            if (length > MAX_LENGTH) {
                throw new IllegalArgumentException("message: " + length + " bytes of attributes (expected: <= 65535)");
            }
            out.setShort(start + 2, length);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** §5: interleave the class bits C1 (bit 8) and C0 (bit 4) into the 12-bit method. */
    static int type(StunMessage message) {
        int m = message.method();
        int c = message.messageClass().bits();
        return (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 0b01) << 4) | ((c & 0b10) << 7);
    }
}
