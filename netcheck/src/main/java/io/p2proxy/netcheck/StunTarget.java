package io.p2proxy.netcheck;

import io.p2proxy.common.HostPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where to send STUN, from what a user types: {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT},
 * or the rendezvous server's own URL ({@code ws://HOST:PORT}, {@code wss://...}, whose port is the
 * signaling port, so STUN goes to the host's default port), or a {@code stun:} URI (RFC 7064).
 */
public final class StunTarget {

    /** RFC 8489 §6.2: the default port for STUN over UDP. */
    public static final int DEFAULT_PORT = 3478;

    private StunTarget() {
    }

    /** @throws IllegalArgumentException naming what was expected */
    public static HostPort parse(String text) {
        Objects.requireNonNull(text, "text");
        String expected = " (expected: HOST[:PORT], ws://HOST[:PORT] or wss://HOST[:PORT])";
        String trimmed = text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ws://") || lower.startsWith("wss://")) {
            try {
                String host = new URI(trimmed).getHost();
                if (host == null || host.isEmpty()) {
                    throw new IllegalArgumentException("no host in '" + text + "'" + expected);
                }
                return hostOnly(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, text, expected);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("bad URL '" + text + "'" + expected);
            }
        }
        if (lower.startsWith("stun:")) {
            trimmed = trimmed.substring("stun:".length());
        }
        if (trimmed.contains("://")) {
            throw new IllegalArgumentException("unsupported scheme in '" + text + "'" + expected);
        }
        boolean bracketed = trimmed.startsWith("[");
        long colons = trimmed.chars().filter(c -> c == ':').count();
        if (bracketed && trimmed.endsWith("]")) {
            return hostOnly(trimmed.substring(1, trimmed.length() - 1), text, expected);
        }
        if (!bracketed && colons == 0) {
            return hostOnly(trimmed, text, expected);
        }
        if (!bracketed && colons > 1) {
            return hostOnly(trimmed, text, expected); // a bare IPv6 literal
        }
        try {
            return HostPort.parse(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace(" (expected: HOST:PORT, IPv6 as [ADDR]:PORT)", "")
                    .replace(" (expected: 0..65535)", "") + expected);
        }
    }

    private static HostPort hostOnly(String host, String text, String expected) {
        String withPort = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + DEFAULT_PORT;
        try {
            return HostPort.parse(withPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad host in '" + text + "'" + expected);
        }
    }
}
