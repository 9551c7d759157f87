package io.p2proxy.ice;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The pair ICE chose: send to {@link #remoteAddress()} from the agent's socket, and accept
 * datagrams from it.
 *
 * <p>How the path layer sends on it, from a handler behind the agent's: {@code new
 * DatagramPacket(data, remoteAddress(), relayedVia())}. With a host local candidate
 * {@code relayedVia()} is null and the datagram leaves the socket directly; with a relay one it is
 * the relayed address, and the TURN client ahead in the pipeline sends the datagram through its
 * allocation (ChannelData: 4 bytes more than the payload, so QUIC's payload must leave room).
 * Datagrams from the peer that come through the relay reach the pipeline as
 * {@code io.p2proxy.turn.RelayedDatagramPacket}s whose {@code sender()} is {@link #remoteAddress()},
 * exactly as direct ones do; their {@code recipient()} is the relayed address.
 *
 * @param local  the local candidate (on one socket, it names the way out: host or relay)
 * @param remote the remote candidate
 * @param rtt    the round-trip time of the last successful check on it
 */
public record SelectedPair(Candidate local, Candidate remote, Duration rtt) {

    public InetSocketAddress remoteAddress() {
        return remote.address();
    }

    /**
     * The TURN relayed address to put as the datagram's sender when the local candidate is a
     * relay one, or null when datagrams go out directly.
     */
    public InetSocketAddress relayedVia() {
        return local.type() == CandidateType.RELAY ? local.address() : null;
    }

    @Override
    public String toString() {
        return local + " -> " + remote + " (rtt " + rtt.toNanos() / 1000 / 1000.0 + " ms)";
    }
}
