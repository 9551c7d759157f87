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

    private final TokenBucket bucket;
    private final int burst;
    private int strikes;

    RateLimiter(double perSecond, int burst) {
        this.bucket = new TokenBucket(perSecond, burst);
        this.burst = burst;
    }

    Verdict onMessage(long nowNanos) {
        bucket.refill(nowNanos);
        if (bucket.full()) {
            strikes = 0; // the sender paused long enough to fill the bucket: forgive
        }
        if (bucket.tryTake(1)) {
            return Verdict.ALLOW;
        }
        strikes++;
        if (strikes > burst) {
            return Verdict.CLOSE;
        }
        return strikes == 1 ? Verdict.REFUSE : Verdict.DROP;
    }
}
