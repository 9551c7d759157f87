package io.p2proxy.signal;

import java.time.Duration;
import java.util.Objects;

/**
 * Reconnect delays: {@code initial} doubling per failed attempt up to {@code max}, then spread by
 * ±{@code jitter} so that peers cut off by one server restart do not come back in one wave. Pure:
 * the caller passes the random draw, so the table test pins every value.
 *
 * @param initial delay before the first retry
 * @param max     cap of the doubling (the jitter applies after the cap: 30 s ± 20 % is 24..36 s)
 * @param jitter  fraction in [0, 1)
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    /** DESIGN.md: 0.5 s doubling to 30 s, ±20 %. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial: " + initial + " (expected: > 0)");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= initial " + initial + ")");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter: " + jitter + " (expected: 0 <= jitter < 1)");
        }
    }

    /**
     * @param attempt how many retries failed before this one (0 for the first retry)
     * @param random  a uniform draw in [0, 1); 0.5 means no jitter
     */
    public Duration delay(int attempt, double random) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 0)");
        }
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random: " + random + " (expected: 0 <= random < 1)");
        }
        long base = initial.toNanos();
        long cap = max.toNanos();
        for (int i = 0; i < attempt && base < cap; i++) {
            base *= 2;
        }
        base = Math.min(base, cap);
        double factor = 1 + jitter * (2 * random - 1);
        return Duration.ofNanos(Math.round(base * factor));
    }
}
