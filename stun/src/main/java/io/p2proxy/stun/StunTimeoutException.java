package io.p2proxy.stun;

import java.net.InetSocketAddress;
import java.time.Duration;

/** A transaction got no response: {@code attempts} sends over {@code elapsed} (RFC 8489 §6.2.1). */
public final class StunTimeoutException extends StunException {

    private final InetSocketAddress server;
    private final int attempts;
    private final Duration elapsed;

    public StunTimeoutException(InetSocketAddress server, TransactionId id, int attempts, Duration elapsed) {
        super(Reason.TIMEOUT, "no response from " + server + " to " + id + " after " + attempts
                + " attempts in " + elapsed.toMillis() + " ms");
        this.server = server;
        this.attempts = attempts;
        this.elapsed = elapsed;
    }

    public InetSocketAddress server() {
        return server;
    }

    public int attempts() {
        return attempts;
    }

    public Duration elapsed() {
        return elapsed;
    }
}
