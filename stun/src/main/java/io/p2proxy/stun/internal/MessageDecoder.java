package io.p2proxy.stun.internal;

import io.netty.buffer.ByteBuf;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunClass;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunException.Reason;
import io.p2proxy.stun.StunKey;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.stun.TransactionId;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the readable bytes of a buffer as exactly one STUN message (RFC 8489 §5, §14) and checks
 * its integrity attributes on request. Reads with absolute indices only: the buffer's indices and
 * reference count are untouched. Allocation is bounded by the input: at most one record per 4
 * input bytes, each no larger than its bytes.
 */
public final class MessageDecoder {

    static final int HEADER = 20;

    private MessageDecoder() {
    }

    public static StunMessage decode(ByteBuf buf, StunProtection protection) throws StunException {
        int start = buf.readerIndex();
        int size = buf.readableBytes();
        if (size < HEADER) {
            throw Malformed.of(size + " bytes (expected: >= 20)");
        }
        int type = buf.getUnsignedShort(start);
        int length = buf.getUnsignedShort(start + 2);
        if ((type & 0xC000) != 0) {
            throw Malformed.of("first two bits set (expected: 0, RFC 8489 §5)");
        }
        if (buf.getInt(start + 4) != Addresses.MAGIC_COOKIE) {
            throw Malformed.of("no magic cookie");
        }
        if ((length & 3) != 0 || HEADER + length != size) {
            throw Malformed.of("length " + length + " for " + size + " bytes (expected: " + (size - HEADER)
                    + ", a multiple of 4)");
        }
        TransactionId id = TransactionId.read(buf, start + 8);
        int end = start + size;
        List<StunAttribute> attributes = new ArrayList<>();
        int integrity = -1;
        int integritySha256 = -1;
        int fingerprint = -1;
        int index = start + HEADER;
        while (index < end) {
            if (end - index < 4) {
                throw Malformed.of("truncated attribute header at " + (index - start));
            }
            int attributeType = buf.getUnsignedShort(index);
            int valueLength = buf.getUnsignedShort(index + 2);
            int padded = (valueLength + 3) & ~3;
            if (padded > end - index - 4) {
                throw Malformed.of(String.format("attribute 0x%04x of %d bytes overruns the message",
                        attributeType, valueLength));
            }
            if (fingerprint >= 0) {
                throw Malformed.of("attribute after FINGERPRINT (§14.7: it must be last)");
            }
            // §14.5, §14.6: after MESSAGE-INTEGRITY only MI-SHA256 and FINGERPRINT count; after
            // MI-SHA256 only FINGERPRINT. The rest is ignored, not parsed.
            boolean counts = attributeType == StunAttribute.Fingerprint.TYPE
                    || (integritySha256 < 0 && (integrity < 0 || attributeType == StunAttribute.MessageIntegritySha256.TYPE));
            if (counts) {
                StunAttribute attribute = AttributeReader.read(attributeType, buf, index + 4, valueLength, id);
                attributes.add(attribute);
                switch (attributeType) {
                    case StunAttribute.MessageIntegrity.TYPE -> integrity = index;
                    case StunAttribute.MessageIntegritySha256.TYPE -> integritySha256 = index;
                    case StunAttribute.Fingerprint.TYPE -> fingerprint = index;
                    default -> { }
                }
            }
            index += 4 + padded;
        }
        StunMessage message = new StunMessage(StunClass.ofBits(classBits(type)), method(type), id, attributes);
        if (protection != null) {
            verify(buf, start, protection, integrity, integritySha256, fingerprint);
        }
        return message;
    }

    private static void verify(ByteBuf buf, int start, StunProtection p, int integrity, int integritySha256,
            int fingerprint) throws StunException {
        if (fingerprint >= 0) {
            if (buf.getInt(fingerprint + 4) != Integrity.fingerprint(buf, start, fingerprint)) {
                throw new StunException(Reason.BAD_FINGERPRINT, "CRC-32 does not match");
            }
        } else if (p.fingerprint()) {
            throw new StunException(Reason.MISSING_FINGERPRINT, "no FINGERPRINT");
        }
        if (p.sha1()) {
            check(buf, start, integrity, Integrity.SHA1, p.key(), Reason.BAD_INTEGRITY, "MESSAGE-INTEGRITY");
        }
        if (p.sha256()) {
            check(buf, start, integritySha256, Integrity.SHA256, p.key(), Reason.BAD_INTEGRITY_SHA256,
                    "MESSAGE-INTEGRITY-SHA256");
        }
    }

    private static void check(ByteBuf buf, int start, int index, String algorithm, StunKey key, Reason bad,
            String name) throws StunException {
        if (index < 0) {
            throw new StunException(Reason.MISSING_INTEGRITY, "no " + name);
        }
        int length = buf.getUnsignedShort(index + 2);
        byte[] expected = Integrity.hmac(algorithm, key.bytes(), buf, start, index, length);
        byte[] actual = new byte[length];
        buf.getBytes(index + 4, actual);
        // §14.6: MI-SHA256 may be truncated; compare the bytes that were sent, in constant time.
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, length), actual)) {
            throw new StunException(bad, name + " does not match the key");
        }
    }

    /** §5: C1 is bit 8, C0 bit 4 of the type. */
    static int classBits(int type) {
        return ((type >>> 7) & 0b10) | ((type >>> 4) & 0b01);
    }

    /** §5: M11..M7, M6..M4, M3..M0 around the class bits. */
    static int method(int type) {
        return (type & 0x000F) | ((type >>> 1) & 0x0070) | ((type >>> 2) & 0x0F80);
    }
}
