package io.p2proxy.ice;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The pair ICE chose: send to {@link #remoteAddress()} from the agent's socket, and accept
 * datagrams from it.
 *
 * @param local  the local candidate (on one socket, it names the way out: host or, later, relay)
 * @param remote the remote candidate
 * @param rtt    the round-trip time of the last successful check on it
 */
public record SelectedPair(Candidate local, Candidate remote, Duration rtt) {

    public InetSocketAddress remoteAddress() {
        return remote.address();
    }

    @Override
    public String toString() {
        return local + " -> " + remote + " (rtt " + rtt.toNanos() / 1000 / 1000.0 + " ms)";
    }
}
