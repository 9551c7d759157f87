package io.p2proxy.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;

/** The way to another peer through the rendezvous server (the node passes its signaling client). */
@FunctionalInterface
public interface Signaling {

    /** @return false when the server is not reachable now (nothing was sent) */
    boolean send(String peer, JsonNode payload);

    /** True when the server relays datagrams between peers (its login said so). */
    default boolean relayAvailable() {
        return false;
    }

    /**
     * One QUIC datagram to {@code peer} through the server relay; takes ownership of {@code datagram}.
     *
     * @return false when it was dropped at once (not logged in, no relay, connection busy)
     */
    default boolean relay(String peer, ByteBuf datagram) {
        datagram.release();
        return false;
    }
}
