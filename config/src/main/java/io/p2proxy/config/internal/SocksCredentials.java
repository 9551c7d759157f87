package io.p2proxy.config.internal;

import io.p2proxy.config.ConfigException;
import io.p2proxy.config.PeerConfig;
import java.nio.charset.StandardCharsets;

/**
 * {@code [socks]}'s {@code username} and {@code password}: both or neither, each 1 to 255 bytes in
 * UTF-8 (RFC 1929: ULEN and PLEN are one octet). Messages name the password's key and line, never
 * its value.
 */
final class SocksCredentials {

    static final String USERNAME = "1 to 255 bytes in UTF-8 (RFC 1929)";
    static final String PASSWORD = "the SOCKS5 password, " + USERNAME;
    private static final String BOTH = "username and password together, or neither";

    private SocksCredentials() {
    }

    /** @return the credentials, or null when the table has neither key */
    static PeerConfig.Credentials of(TomlTable socks) throws ConfigException {
        Text username = socks.string("username", USERNAME);
        Text password = socks.secret("password", PASSWORD);
        if (username == null && password == null) {
            return null;
        }
        if (username == null) {
            throw socks.origin("username").problem("missing (expected: " + BOTH + ")");
        }
        if (password == null) {
            throw socks.origin("password").problem("missing (expected: " + BOTH + ")");
        }
        if (!fits(username.value())) {
            throw username.bad(USERNAME);
        }
        if (!fits(password.value())) {
            int bytes = password.value().getBytes(StandardCharsets.UTF_8).length;
            throw password.origin().problem(bytes + " bytes (expected: " + PASSWORD + ")");
        }
        return new PeerConfig.Credentials(username.value(), password.value());
    }

    private static boolean fits(String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        return bytes >= 1 && bytes <= 255;
    }
}
