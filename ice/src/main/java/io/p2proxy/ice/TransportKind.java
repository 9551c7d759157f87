package io.p2proxy.ice;

import java.util.Locale;
import java.util.Objects;

/**
 * How a candidate carries datagrams: the {@code transport} field of RFC 8839 §5.1. Today only
 * {@link #UDP}; the kind is an open value so that later ways out (the rendezvous server's relay
 * over WebSocket) can be named without changing the model. A TURN allocation reached over TCP is
 * still UDP: its relayed address is (RFC 8656 §3.1), and that is what the candidate names. Only
 * candidates of the same kind are paired (RFC 8445 §6.1.2.2).
 *
 * @param token an RFC 8839 {@code transport-extension} token, kept in upper case
 */
public record TransportKind(String token) {

    /** Plain UDP on the agent's socket. */
    public static final TransportKind UDP = new TransportKind("UDP");

    public TransportKind {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty() || token.length() > 32 || !token.chars().allMatch(TransportKind::tokenChar)) {
            throw new IllegalArgumentException("token: '" + token + "' (expected: 1..32 RFC 8839 token characters)");
        }
        token = token.toUpperCase(Locale.ROOT);
    }

    /** RFC 4566 token-char, less the characters that never appear in a transport name. */
    static boolean tokenChar(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_'
                || c == '.' || c == '/' || c == '+';
    }

    @Override
    public String toString() {
        return token;
    }
}
