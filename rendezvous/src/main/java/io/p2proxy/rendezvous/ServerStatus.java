package io.p2proxy.rendezvous;

import java.util.List;

/**
 * The server's {@code GET /status} body (SPEC.md, "Status"): peers online now, relays in use.
 * Plain records so that any JSON mapper writes them as the spec shows.
 */
public record ServerStatus(List<Peer> peers, List<Relay> relays) {

    public ServerStatus {
        peers = List.copyOf(peers);
        relays = List.copyOf(relays);
    }

    /** @param since ISO-8601 instant of the login, e.g. {@code 2026-11-25T08:00:00Z} */
    public record Peer(String name, String id, String address, String since) {
    }

    /**
     * A pair the server introduced that has relayed datagrams; {@code a} sorts before {@code b}.
     *
     * @param bytes datagram bytes relayed, both directions together
     */
    public record Relay(String a, String b, long bytes) {
    }
}
