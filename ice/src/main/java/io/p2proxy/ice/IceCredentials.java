package io.p2proxy.ice;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The username fragment and password of one agent (RFC 8445 §5.3): sent to the peer over
 * signaling, used as USERNAME "remoteUfrag:localUfrag" and as the short-term key of
 * MESSAGE-INTEGRITY. Sizes per RFC 8839 §5.4: ufrag 4..256 ice-chars, pwd 22..256 ice-chars.
 */
public record IceCredentials(String ufrag, String pwd) {

    private static final String ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
        if (!iceChars(ufrag, 4, 256)) {
            throw new IllegalArgumentException("ufrag: '" + ufrag + "' (expected: 4..256 ice-chars)");
        }
        if (!iceChars(pwd, 22, 256)) {
            throw new IllegalArgumentException("pwd: " + pwd.length() + " characters (expected: 22..256 ice-chars)");
        }
    }

    /**
     * Fresh random credentials. §5.3: "The username fragment MUST contain at least 24 bits of
     * randomness, and the password MUST contain at least 128 bits of randomness": 8 ice-chars
     * (48 bits) and 24 ice-chars (144 bits), from a SecureRandom.
     */
    public static IceCredentials random() {
        return new IceCredentials(randomChars(8), randomChars(24));
    }

    /** RFC 8839 §5.1: ice-char = ALPHA / DIGIT / "+" / "/". */
    public static boolean iceChars(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (ICE_CHARS.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String randomChars(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=<" + pwd.length() + " chars>]";
    }
}
