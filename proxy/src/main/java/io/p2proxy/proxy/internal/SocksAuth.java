package io.p2proxy.proxy.internal;

import io.p2proxy.config.PeerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The user name and password a SOCKS5 client must present (RFC 1929), held as their UTF-8 bytes.
 * Both are compared in constant time for a given length ({@link MessageDigest#isEqual}), and both
 * always: how long a refusal takes says nothing about which one was wrong.
 */
public final class SocksAuth {

    private final byte[] username;
    private final byte[] password;

    public SocksAuth(PeerConfig.Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        this.username = credentials.username().getBytes(StandardCharsets.UTF_8);
        this.password = credentials.password().getBytes(StandardCharsets.UTF_8);
    }

    /** @return null for null credentials: no authentication */
    public static SocksAuth of(PeerConfig.Credentials credentials) {
        return credentials == null ? null : new SocksAuth(credentials);
    }

    /** @param a the bytes as sent ({@link SocksMessage.Auth}: one char per byte) */
    boolean accepts(SocksMessage.Auth a) {
        boolean user = MessageDigest.isEqual(username, a.username().getBytes(StandardCharsets.ISO_8859_1));
        boolean pass = MessageDigest.isEqual(password, a.password().getBytes(StandardCharsets.ISO_8859_1));
        return user & pass;
    }

    @Override
    public String toString() {
        return "SocksAuth[username=" + new String(username, StandardCharsets.UTF_8) + ", password=(hidden)]";
    }
}
