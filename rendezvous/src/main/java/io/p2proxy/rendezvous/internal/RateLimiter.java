package io.p2proxy.rendezvous.internal;

/**
 * Token bucket per connection, plus a rule for when refusing is no longer enough. Pure: the caller
 * passes the time. A refused message costs a strike; {@code burst} strikes without the bucket ever
 * filling up again in between (the sender never paused) means the peer ignores the errors: close.
 */
final class RateLimiter {

    enum Verdict {
        /** Process the message. */
        ALLOW,
        /** Drop it and tell the sender (the first refusal of a streak). */
        REFUSE,
        /** Drop it silently: the sender was already told. */
        DROP,
        /** The sender keeps flooding: close the connection. */
        CLOSE
    }

    private final double perNano;
    private final int burst;
    private double tokens;
    private long last;
    private boolean started;
    private int strikes;

    RateLimiter(double perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    Verdict onMessage(long nowNanos) {
        if (started) {
            tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        }
        started = true;
        last = nowNanos;
        if (tokens >= burst) {
            strikes = 0; // the sender paused long enough to fill the bucket: forgive
        }
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOW;
        }
        strikes++;
        if (strikes > burst) {
            return Verdict.CLOSE;
        }
        return strikes == 1 ? Verdict.REFUSE : Verdict.DROP;
    }
}
