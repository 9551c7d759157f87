package io.p2proxy.turn;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A granted allocation (RFC 8656 §7.3).
 *
 * @param server   the TURN server
 * @param relayed  XOR-RELAYED-ADDRESS: the relay candidate ICE advertises
 * @param mapped   XOR-MAPPED-ADDRESS: our address as the server saw it (a server-reflexive candidate)
 * @param lifetime LIFETIME as granted
 */
public record TurnAllocation(InetSocketAddress server, InetSocketAddress relayed, InetSocketAddress mapped,
        Duration lifetime) {

    public TurnAllocation {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(relayed, "relayed");
        Objects.requireNonNull(mapped, "mapped");
        Objects.requireNonNull(lifetime, "lifetime");
    }
}
