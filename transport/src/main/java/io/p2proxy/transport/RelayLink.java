package io.p2proxy.transport;

import io.netty.buffer.ByteBuf;

/**
 * A way out for QUIC datagrams that is not the UDP socket: the rendezvous server's relay over the
 * signaling connection. Datagrams coming back that way enter through
 * {@link QuicPeerConnection#relayReceived}.
 */
@FunctionalInterface
public interface RelayLink {

    /**
     * Sends one datagram; takes ownership of {@code datagram} (always releases it). Like UDP, false
     * or a silent loss are both possible: QUIC retransmits.
     *
     * @return false when the datagram was dropped at once (the relay is not available now)
     */
    boolean send(ByteBuf datagram);
}
