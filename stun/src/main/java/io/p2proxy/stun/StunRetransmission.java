package io.p2proxy.stun;

import java.time.Duration;
import java.util.Objects;

/**
 * When an unreliable-transport client transaction resends (RFC 8489 §6.2.1): first at 0, then
 * after RTO, 2·RTO, 4·RTO, ... until {@code attempts} (Rc) sends, then waits
 * {@code finalWaitFactor} (Rm) × RTO for an answer. With the defaults: sends at 0, 500, 1500,
 * 3500, 7500, 15500, 31500 ms and gives up at 39500 ms.
 */
public record StunRetransmission(Duration rto, int attempts, int finalWaitFactor) {

    /** RTO 500 ms, Rc 7, Rm 16 (§6.2.1). */
    public static final StunRetransmission RFC_8489 = new StunRetransmission(Duration.ofMillis(500), 7, 16);

    public StunRetransmission {
        Objects.requireNonNull(rto, "rto");
        if (rto.isNegative() || rto.isZero()) {
            throw new IllegalArgumentException("rto: " + rto + " (expected: > 0)");
        }
        if (attempts < 1 || attempts > 30) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: 1..30)");
        }
        if (finalWaitFactor < 1) {
            throw new IllegalArgumentException("finalWaitFactor: " + finalWaitFactor + " (expected: >= 1)");
        }
    }

    /** How long after send number {@code sent} (1-based) to wait before the next event. */
    public Duration delayAfter(int sent) {
        return sent < attempts ? rto.multipliedBy(1L << (sent - 1)) : rto.multipliedBy(finalWaitFactor);
    }
}
