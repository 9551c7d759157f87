package io.p2proxy.rendezvous;

import io.p2proxy.signal.SignalMessage;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-connection limits of the signaling server. Not in server.toml: the defaults are what a
 * public server needs; tests shorten the timers.
 *
 * @param maxFrameBytes     largest text message; a bigger one closes the connection with 1009
 * @param messagesPerSecond token-bucket refill rate per connection
 * @param burst             token-bucket size; past it messages are refused with {@code rate_limited},
 *                          and a connection that keeps sending {@code burst} more is closed
 * @param loginTimeout      TCP accept to welcome, including TLS and the WebSocket upgrade
 * @param keepalive         ping after this much silence; twice this and the peer is gone
 */
public record ServerLimits(int maxFrameBytes, double messagesPerSecond, int burst, Duration loginTimeout,
        Duration keepalive) {

    public static final ServerLimits DEFAULTS = new ServerLimits(SignalMessage.MAX_FRAME_BYTES, 50, 100,
            Duration.ofSeconds(10), Duration.ofSeconds(15));

    public ServerLimits {
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        Objects.requireNonNull(keepalive, "keepalive");
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes: " + maxFrameBytes + " (expected: >= 1024)");
        }
        if (!(messagesPerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate: " + messagesPerSecond + "/s burst " + burst + " (expected: > 0, >= 1)");
        }
        if (loginTimeout.isNegative() || loginTimeout.isZero() || keepalive.isNegative() || keepalive.isZero()) {
            throw new IllegalArgumentException("timeouts: login " + loginTimeout + ", keepalive " + keepalive + " (expected: > 0)");
        }
    }

    public ServerLimits withKeepalive(Duration keepalive) {
        return new ServerLimits(maxFrameBytes, messagesPerSecond, burst, loginTimeout, keepalive);
    }

    public ServerLimits withLoginTimeout(Duration loginTimeout) {
        return new ServerLimits(maxFrameBytes, messagesPerSecond, burst, loginTimeout, keepalive);
    }

    public ServerLimits withRate(double messagesPerSecond, int burst) {
        return new ServerLimits(maxFrameBytes, messagesPerSecond, burst, loginTimeout, keepalive);
    }
}
