package io.p2proxy.common;

import io.p2proxy.common.internal.Base32;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Objects;

/**
 * The printable fingerprint of a peer's public key: SHA-256 over the key's DER-encoded
 * SubjectPublicKeyInfo, written in RFC 4648 base32, lower case, without padding (52 characters
 * of {@code a-z2-7}). Copy-paste safe: one word, no punctuation, no look-alike case.
 */
public record PeerId(String value) {

    public static final int LENGTH = 52;

    public PeerId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("bad peer id: '" + value + "' (expected: " + LENGTH
                    + " characters of a-z and 2-7, as printed by 'p2proxy keygen')");
        }
    }

    public static boolean isValid(String value) {
        return value != null && value.length() == LENGTH
                && value.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
    }

    public static PeerId of(PublicKey key) {
        Objects.requireNonNull(key, "key");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return new PeerId(Base32.encode(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }

    /** The first 8 characters, for log lines where the name already says who it is. */
    public String shortForm() {
        return value.substring(0, 8);
    }

    @Override
    public String toString() {
        return value;
    }
}
