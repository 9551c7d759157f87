package io.p2proxy.signal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The bytes a peer signs to log in: UTF-8 of
 * {@code "p2proxy-signal-login-v1\n" + nonce + "\n" + name + "\n" + key}, where nonce is the
 * challenge's string as received and key the base64 SPKI from hello.
 *
 * <p>Why these fields: the prefix separates this signature from any other use of the same key
 * (the QUIC handshake signs with it too); the nonce makes it fresh; name and key bind the proof to
 * this login so it cannot be replayed under another name. The server URL is left out on purpose:
 * a server behind a proxy or known by several names could not check it.
 */
public final class LoginProof {

    public static final String PREFIX = "p2proxy-signal-login-v1\n";

    private LoginProof() {
    }

    public static byte[] bytes(String nonce, String name, String keyBase64) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyBase64, "keyBase64");
        return (PREFIX + nonce + "\n" + name + "\n" + keyBase64).getBytes(StandardCharsets.UTF_8);
    }
}
