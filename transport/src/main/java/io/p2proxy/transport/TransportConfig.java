package io.p2proxy.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of one peer pair's QUIC transport. {@link #defaults()} holds the measured choices (see
 * the module's README and bench/): change one with the {@code with*} methods.
 *
 * @param idleTimeout QUIC max_idle_timeout (RFC 9000 section 10.1): a dead path resets clients after it
 * @param keepalive interval of ack-eliciting keepalives, well under {@code idleTimeout} and NAT timeouts
 * @param maxUdpPayload QUIC max_udp_payload_size: the smallest over every path ICE may switch to
 * @param streamsPerConnection streams one QUIC connection carries before the dialer adds another
 *     connection on the same socket (Netty visits every writable stream on each packet); also the
 *     stream credit the acceptor grants per connection. 64 measured best: a bulk stream beside 63
 *     idle ones, with 10,000 idle in all, kept 0.86-1.2 of its solo throughput; 256 kept 0.44
 * @param maxConnections QUIC connections per peer pair, at most; the acceptor refuses more
 * @param maxPendingOpens streams per connection that may wait for their OPEN to be decoded and served
 * @param openTimeout how long an acceptor waits for a complete OPEN frame
 * @param answerTimeout how long an opener waits for OK, queueing included
 * @param connectTimeout QUIC handshake, and the acceptor's TCP connect to its target
 * @param closeTimeout {@code close()} completes after this even if the far side does not answer
 * @param connectionWindow initial_max_data (RFC 9000 section 18.2)
 * @param streamWindow initial_max_stream_data_bidi_local and _remote
 */
public record TransportConfig(Duration idleTimeout, Duration keepalive, int maxUdpPayload,
                              int streamsPerConnection, int maxConnections, int maxPendingOpens,
                              Duration openTimeout, Duration answerTimeout, Duration connectTimeout,
                              Duration closeTimeout, long connectionWindow, long streamWindow) {

    public TransportConfig {
        positive("idleTimeout", idleTimeout);
        positive("keepalive", keepalive);
        positive("openTimeout", openTimeout);
        positive("answerTimeout", answerTimeout);
        positive("connectTimeout", connectTimeout);
        positive("closeTimeout", closeTimeout);
        if (keepalive.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("keepalive: " + keepalive + " (expected: < idleTimeout " + idleTimeout + ")");
        }
        if (maxUdpPayload < 1200 || maxUdpPayload > 65527) {
            throw new IllegalArgumentException("maxUdpPayload: " + maxUdpPayload + " (expected: 1200..65527, RFC 9000 section 14)");
        }
        if (streamsPerConnection < 1 || maxConnections < 1 || maxPendingOpens < 1) {
            throw new IllegalArgumentException("streamsPerConnection, maxConnections, maxPendingOpens: "
                    + streamsPerConnection + ", " + maxConnections + ", " + maxPendingOpens + " (expected: > 0)");
        }
        if (connectionWindow < 65536 || streamWindow < 65536) {
            throw new IllegalArgumentException("windows: " + connectionWindow + ", " + streamWindow + " (expected: >= 65536)");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    public static TransportConfig defaults() {
        return new TransportConfig(Duration.ofSeconds(30), Duration.ofSeconds(10), 1350,
                64, 1024, 64,
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(10),
                Duration.ofSeconds(3), 16L << 20, 4L << 20);
    }

    public TransportConfig withIdleTimeout(Duration idle, Duration keepaliveInterval) {
        return new TransportConfig(idle, keepaliveInterval, maxUdpPayload, streamsPerConnection, maxConnections,
                maxPendingOpens, openTimeout, answerTimeout, connectTimeout, closeTimeout, connectionWindow, streamWindow);
    }

    public TransportConfig withStreams(int perConnection, int connections, int pendingOpens) {
        return new TransportConfig(idleTimeout, keepalive, maxUdpPayload, perConnection, connections,
                pendingOpens, openTimeout, answerTimeout, connectTimeout, closeTimeout, connectionWindow, streamWindow);
    }

    public TransportConfig withTimeouts(Duration open, Duration answer, Duration connect) {
        return new TransportConfig(idleTimeout, keepalive, maxUdpPayload, streamsPerConnection, maxConnections,
                maxPendingOpens, open, answer, connect, closeTimeout, connectionWindow, streamWindow);
    }

    public TransportConfig withWindows(long connection, long stream) {
        return new TransportConfig(idleTimeout, keepalive, maxUdpPayload, streamsPerConnection, maxConnections,
                maxPendingOpens, openTimeout, answerTimeout, connectTimeout, closeTimeout, connection, stream);
    }
}
