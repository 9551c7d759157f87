package io.p2proxy.config.internal;

import io.p2proxy.config.ConfigException;

/**
 * Where a value came from, for the one line a user reads: a file with its line and key path
 * ({@code peer.toml:7: publish[2].target}) or a flag ({@code --publish}).
 *
 * @param source the file as the user named it, or a flag such as {@code --linger}
 * @param line   1-based line, or 0 when unknown (always 0 for flags)
 * @param key    key path such as {@code publish[2].target}, or null for a flag
 */
public record Origin(String source, int line, String key) {

    public static Origin flag(String flag) {
        return new Origin(flag, 0, null);
    }

    public boolean isFlag() {
        return key == null;
    }

    /** {@code peer.toml:7: linger}, {@code peer.toml: token} or {@code --linger}. */
    public String prefix() {
        // Both come from the user (a quoted TOML key may hold a newline): keep the message one line.
        StringBuilder sb = new StringBuilder(Show.clean(source));
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (key != null) {
            sb.append(": ").append(Show.clean(key));
        }
        return sb.toString();
    }

    /** {@code PREFIX: SHOWN (expected: EXPECTED)}; {@code shown} is already quoted by {@link Show}. */
    public ConfigException bad(String shown, String expected) {
        return new ConfigException(prefix() + ": " + shown + " (expected: " + expected + ")");
    }

    /** A bad string value, quoted for the message. */
    public ConfigException badText(String value, String expected) {
        return bad(Show.text(value), expected);
    }

    /** {@code PREFIX: TEXT}, for problems that are not one bad value. */
    public ConfigException problem(String text) {
        return new ConfigException(prefix() + ": " + text);
    }

    @Override
    public String toString() {
        return prefix();
    }
}
