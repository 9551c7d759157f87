package io.p2proxy.stun.internal;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC and CRC over a message prefix with the header's length field adjusted as if the message
 * ended right after the attribute being computed (RFC 8489 §14.5, §14.6, §14.7).
 */
final class Integrity {

    static final int FINGERPRINT_XOR = 0x5354554e;
    static final String SHA1 = "HmacSHA1";
    static final String SHA256 = "HmacSHA256";

    private Integrity() {
    }

    /**
     * HMAC over {@code [start, attributeIndex)} with the length field set to cover the attribute
     * at {@code attributeIndex} whose value is {@code valueLength} bytes.
     */
    static byte[] hmac(String algorithm, byte[] key, ByteBuf buf, int start, int attributeIndex, int valueLength) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // HMAC pads short keys with zeros, so "" and "\0" are the same key; SecretKeySpec refuses "".
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            mac.update(header(buf, start, attributeIndex + 4 + valueLength - start - 20));
            mac.update(buf.nioBuffer(start + 20, attributeIndex - start - 20));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " missing from this JDK", e);
        }
    }

    /** CRC-32 over {@code [start, attributeIndex)} with the length covering the 8-byte FINGERPRINT. */
    static int fingerprint(ByteBuf buf, int start, int attributeIndex) {
        CRC32 crc = new CRC32();
        crc.update(header(buf, start, attributeIndex + 8 - start - 20));
        crc.update(buf.nioBuffer(start + 20, attributeIndex - start - 20));
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    private static byte[] header(ByteBuf buf, int start, int length) {
        byte[] header = new byte[20];
        buf.getBytes(start, header);
        header[2] = (byte) (length >>> 8);
        header[3] = (byte) length;
        return header;
    }
}
