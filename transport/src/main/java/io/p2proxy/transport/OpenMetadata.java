package io.p2proxy.transport;

import java.util.Objects;

/**
 * What an OPEN frame carries besides the resource name, for the acceptor's log lines only:
 * nothing here steers where the acceptor connects. Printable ASCII, bounded.
 *
 * @param client the asking client's address as text, e.g. {@code 127.0.0.1:50412}; may be empty
 * @param listener the kind of listener that asked, e.g. {@code forward}; may be empty
 */
public record OpenMetadata(String client, String listener) {

    public static final int MAX_CLIENT = 64;
    public static final int MAX_LISTENER = 16;
    public static final OpenMetadata NONE = new OpenMetadata("", "");

    public OpenMetadata {
        client = check("client", client, MAX_CLIENT);
        listener = check("listener", listener, MAX_LISTENER);
    }

    private static String check(String name, String value, int max) {
        Objects.requireNonNull(value, name);
        if (value.length() > max || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: up to " + max
                    + " printable ASCII characters, no spaces)");
        }
        return value;
    }

    /** Truncates and filters free text so that it fits; for callers holding arbitrary strings. */
    public static OpenMetadata lenient(String client, String listener) {
        return new OpenMetadata(clean(client, MAX_CLIENT), clean(listener, MAX_LISTENER));
    }

    private static String clean(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.chars().filter(c -> c >= 0x21 && c <= 0x7e).limit(max).forEach(c -> b.append((char) c));
        return b.toString();
    }
}
