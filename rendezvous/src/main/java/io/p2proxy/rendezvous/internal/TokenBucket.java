package io.p2proxy.rendezvous.internal;

/**
 * A token bucket: {@code size} tokens, refilled at {@code perSecond}. Pure: the caller passes the
 * time. Not thread-safe; each lives on one connection's loop.
 */
final class TokenBucket {

    private final double perNano;
    private final double size;
    private double tokens;
    private long last;
    private boolean started;

    TokenBucket(double perSecond, double size) {
        this.perNano = perSecond / 1e9;
        this.size = size;
        this.tokens = size;
    }

    /** Adds the tokens earned since the previous call (none on the first). */
    void refill(long nowNanos) {
        if (started) {
            tokens = Math.min(size, tokens + (nowNanos - last) * perNano);
        }
        started = true;
        last = nowNanos;
    }

    boolean full() {
        return tokens >= size;
    }

    /** Takes {@code cost} tokens if there are that many; otherwise takes none. */
    boolean tryTake(double cost) {
        if (tokens < cost) {
            return false;
        }
        tokens -= cost;
        return true;
    }

    /** {@link #refill}, then {@link #tryTake}. */
    boolean take(long nowNanos, double cost) {
        refill(nowNanos);
        return tryTake(cost);
    }
}
