package io.p2proxy.common;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1m30s}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    public static final String EXPECTED = "a duration like 500ms, 30s, 5m, 1h or 1m30s";

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the text and what was expected */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("bad duration: '" + text + "' (expected: " + EXPECTED + ")");
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("bad duration: '" + text + "' (expected: " + EXPECTED + ")");
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            at = m.end();
        }
        return total;
    }

    /** The shortest form that {@link #parse} reads back to the same value. */
    public static String format(Duration d) {
        Objects.requireNonNull(d, "d");
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
