package io.p2proxy.natlab;

/**
 * What a site's router does to its LAN's traffic, made with real kernel NAT (iptables-nft).
 * Every NAT router also drops unsolicited packets to itself on its WAN side, as home routers do.
 */
public enum NatKind {
    /** No NAT: the site's hosts sit directly on the public segment with public addresses. */
    NONE,
    /**
     * {@code MASQUERADE}: endpoint-independent mapping that keeps the source port where it can,
     * address-and-port-dependent filtering (RFC 4787 terms; a "port-restricted cone").
     */
    CONE,
    /** {@code MASQUERADE --random-fully}: a new random port per destination (symmetric NAT). */
    SYMMETRIC,
    /** Cone NAT for TCP, but UDP forwarded from the LAN is dropped (a firewall that allows only TCP). */
    UDP_BLOCKED;

    /** Whether the site has a router namespace between its hosts and the public segment. */
    public boolean hasRouter() {
        return this != NONE;
    }
}
