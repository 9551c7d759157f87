package io.p2proxy.stun;

import io.p2proxy.stun.internal.Saslprep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The HMAC key of MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256 (RFC 8489 §9). Passwords go
 * through a simplified SASLprep (RFC 4013): the "mapped to nothing" characters are removed,
 * non-ASCII spaces become U+0020, then NFKC. Prohibited-output and bidi checks are not done.
 */
public final class StunKey {

    private final byte[] key;

    private StunKey(byte[] key) {
        this.key = key;
    }

    /** §9.1.1: key = SASLprep(password). ICE uses this with the remote's password. */
    public static StunKey shortTerm(String password) {
        Objects.requireNonNull(password, "password");
        return new StunKey(Saslprep.prepare(password).getBytes(StandardCharsets.UTF_8));
    }

    /** §9.2.2 (MD5 algorithm): key = MD5(username ":" realm ":" SASLprep(password)). */
    public static StunKey longTerm(String username, String realm, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(password, "password");
        String text = username + ":" + realm + ":" + Saslprep.prepare(password);
        try {
            return new StunKey(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from this JDK", e);
        }
    }

    /** A key given as raw bytes. */
    public static StunKey of(byte[] key) {
        return new StunKey(Objects.requireNonNull(key, "key").clone());
    }

    public byte[] bytes() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunKey k && MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "StunKey[" + key.length + " bytes]";
    }
}
