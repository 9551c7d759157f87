package io.p2proxy.turn;

/**
 * How the client reaches the TURN server (RFC 8656 §3.1: the client-to-server transport). The
 * relayed transport is UDP either way: peers see a UDP relayed address.
 */
public enum TurnTransport {
    /** Datagrams on the peer's own UDP channel. */
    UDP,
    /**
     * A TCP connection of the client's own to the server, on the UDP channel's event loop, with
     * STUN messages and padded ChannelData framed on the stream (§12.5): for networks that block UDP.
     */
    TCP
}
