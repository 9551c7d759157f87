package io.p2proxy.signal;

import java.time.Duration;
import java.util.Objects;

/**
 * Reconnect delays: {@code initial} doubling per failed attempt up to {@code max}, then spread by
 * ±{@code jitter} so that peers cut off by one server restart do not come back in one wave. Pure:
 * the caller passes the random draw, so the table test pins every value.
 *
 * <p>A refused connection (TCP RST: the host answers, nothing listens — the server process is down
 * or restarting) is retried with the same doubling but capped at {@code refusedMax}: such probes
 * cost the server nothing, and peers are back within about {@code refusedMax} of its restart
 * instead of up to {@code max} later. Every other failure (timeouts, TLS, refused logins, lost
 * connections) keeps the full cap, which is what protects a loaded server from a herd.
 *
 * @param initial    delay before the first retry
 * @param max        cap of the doubling (the jitter applies after the cap: 30 s ± 20 % is 24..36 s)
 * @param jitter     fraction in [0, 1)
 * @param refusedMax cap of the doubling while connections are refused
 */
public record Backoff(Duration initial, Duration max, double jitter, Duration refusedMax) {

    /** DESIGN.md: 0.5 s doubling to 30 s, ±20 %; 2 s cap while nothing listens. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2,
            Duration.ofSeconds(2));

    /** Without a separate cap for refused connections. */
    public Backoff(Duration initial, Duration max, double jitter) {
        this(initial, max, jitter, max);
    }

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial: " + initial + " (expected: > 0)");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= initial " + initial + ")");
        }
        Objects.requireNonNull(refusedMax, "refusedMax");
        if (refusedMax.compareTo(initial) < 0 || refusedMax.compareTo(max) > 0) {
            throw new IllegalArgumentException("refusedMax: " + refusedMax + " (expected: between initial "
                    + initial + " and max " + max + ")");
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
        return delay(attempt, random, max);
    }

    /** The delay after a refused connection: as {@link #delay} but capped at {@code refusedMax}. */
    public Duration delayAfterRefused(int attempt, double random) {
        return delay(attempt, random, refusedMax);
    }

    private Duration delay(int attempt, double random, Duration max) {
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
