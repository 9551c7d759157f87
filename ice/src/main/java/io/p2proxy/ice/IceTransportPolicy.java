package io.p2proxy.ice;

/**
 * Which candidates an agent gathers and uses, as WebRTC's {@code iceTransportPolicy}
 * (RFC 8829 §4.1.1): {@link #ALL}, or {@link #RELAY} only — for users who must not reveal their
 * addresses to the peer, and for tests that force the relayed path.
 */
public enum IceTransportPolicy {
    /** Host, server-reflexive and relay candidates. */
    ALL,
    /**
     * Relay candidates only: no host or server-reflexive candidate is gathered or signalled,
     * checks go only through TURN allocations, and checks that reach the socket directly (not
     * through a relay) are dropped unanswered.
     */
    RELAY
}
