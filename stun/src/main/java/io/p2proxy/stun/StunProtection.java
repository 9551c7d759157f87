package io.p2proxy.stun;

/**
 * Which integrity attributes to add when encoding, or to require when decoding (RFC 8489 §14.5,
 * §14.6, §14.7). When decoding with any protection, a FINGERPRINT that is present is always
 * checked, required or not; MESSAGE-INTEGRITY(-SHA256) is checked only when required here.
 *
 * @param key         the HMAC key; required when {@code sha1} or {@code sha256}
 * @param sha1        MESSAGE-INTEGRITY (HMAC-SHA1)
 * @param sha256      MESSAGE-INTEGRITY-SHA256 (32 bytes when encoding)
 * @param fingerprint FINGERPRINT
 */
public record StunProtection(StunKey key, boolean sha1, boolean sha256, boolean fingerprint) {

    /** Nothing added; on decode only a present FINGERPRINT is checked. */
    public static final StunProtection NONE = new StunProtection(null, false, false, false);
    /** FINGERPRINT only: what a Binding server without credentials sends. */
    public static final StunProtection FINGERPRINT = new StunProtection(null, false, false, true);

    public StunProtection {
        if ((sha1 || sha256) && key == null) {
            throw new IllegalArgumentException("key: null (expected: a key when sha1 or sha256 is set)");
        }
    }

    /** MESSAGE-INTEGRITY and FINGERPRINT: what ICE and RFC 5389-era TURN use. */
    public static StunProtection sha1(StunKey key) {
        return new StunProtection(key, true, false, true);
    }

    /** MESSAGE-INTEGRITY-SHA256 and FINGERPRINT. */
    public static StunProtection sha256(StunKey key) {
        return new StunProtection(key, false, true, true);
    }

    public StunProtection withoutFingerprint() {
        return new StunProtection(key, sha1, sha256, false);
    }

    public boolean integrity() {
        return sha1 || sha256;
    }
}
