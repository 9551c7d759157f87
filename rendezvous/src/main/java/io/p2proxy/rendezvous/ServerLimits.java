package io.p2proxy.rendezvous;

import io.p2proxy.signal.RelayFrame;
import io.p2proxy.signal.SignalMessage;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-connection limits of the signaling server. Not in server.toml: the defaults are what a
 * public server needs; tests shorten the timers.
 *
 * @param maxFrameBytes       largest text message; a bigger one closes the connection with 1009
 * @param messagesPerSecond   token-bucket refill rate per connection (text messages)
 * @param burst               token-bucket size; past it messages are refused with {@code rate_limited},
 *                            and a connection that keeps sending {@code burst} more is closed
 * @param loginTimeout        TCP accept to welcome, including TLS and the WebSocket upgrade
 * @param keepalive           ping after this much silence; twice this and the peer is gone
 * @param relayBytesPerSecond refill rate of the relayed-datagram byte bucket of each sending connection;
 *                            past it datagrams are dropped silently (QUIC's congestion control reacts)
 * @param relayBurstBytes     that bucket's size; at least one full datagram
 */
public record ServerLimits(int maxFrameBytes, double messagesPerSecond, int burst, Duration loginTimeout,
        Duration keepalive, long relayBytesPerSecond, long relayBurstBytes) {

    public static final long DEFAULT_RELAY_BYTES_PER_SECOND = 4L << 20;
    public static final long DEFAULT_RELAY_BURST_BYTES = 1L << 20;

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
        if (relayBytesPerSecond < 1 || relayBurstBytes < RelayFrame.MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("relay rate: " + relayBytesPerSecond + " B/s burst " + relayBurstBytes
                    + " B (expected: >= 1, >= " + RelayFrame.MAX_DATAGRAM_BYTES + ")");
        }
    }

    /** The limits before relaying existed; relay gets the default byte rate (4 MiB/s, 1 MiB burst). */
    public ServerLimits(int maxFrameBytes, double messagesPerSecond, int burst, Duration loginTimeout,
            Duration keepalive) {
        this(maxFrameBytes, messagesPerSecond, burst, loginTimeout, keepalive, DEFAULT_RELAY_BYTES_PER_SECOND,
                DEFAULT_RELAY_BURST_BYTES);
    }

    public ServerLimits withKeepalive(Duration keepalive) {
        return new ServerLimits(maxFrameBytes, messagesPerSecond, burst, loginTimeout, keepalive,
                relayBytesPerSecond, relayBurstBytes);
    }

    public ServerLimits withLoginTimeout(Duration loginTimeout) {
        return new ServerLimits(maxFrameBytes, messagesPerSecond, burst, loginTimeout, keepalive,
                relayBytesPerSecond, relayBurstBytes);
    }

    public ServerLimits withRate(double messagesPerSecond, int burst) {
        return new ServerLimits(maxFrameBytes, messagesPerSecond, burst, loginTimeout, keepalive,
                relayBytesPerSecond, relayBurstBytes);
    }

    public ServerLimits withRelayRate(long relayBytesPerSecond, long relayBurstBytes) {
        return new ServerLimits(maxFrameBytes, messagesPerSecond, burst, loginTimeout, keepalive,
                relayBytesPerSecond, relayBurstBytes);
    }
}
