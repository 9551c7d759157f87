package io.p2proxy.signal;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.p2proxy.signal.SignalMessage.Error;

/**
 * What a {@link SignalClient} tells its owner. Called on the client's event loop, one call at a
 * time, in order: do not block; hop to your own loop for real work.
 */
public interface SignalListener {

    /**
     * Every state change. {@code reason} says why for {@link SignalState#DISCONNECTED} and
     * {@link SignalState#STOPPED} ("connection reset", "keepalive timeout", "closed"), else null.
     */
    default void stateChanged(SignalState state, String reason) {
    }

    /** A signal from another peer; {@code from} and {@code fromId} were verified by the server. */
    default void signalReceived(String from, String fromId, JsonNode payload) {
    }

    /**
     * A datagram another peer relayed through the server ({@link SignalClient#relay}); {@code from}
     * was verified by the server. The listener owns {@code datagram} and must release it (this
     * default does); it is a slice of the received frame, so hand it on or release it promptly.
     */
    default void relayReceived(String from, ByteBuf datagram) {
        datagram.release();
    }

    /** A transient error reply: {@code offline}, {@code unknown_peer} (ref = the target), {@code rate_limited},
     * {@code relay_refused} (ref = the target; at most one per streak of dropped datagrams to it). */
    default void errorReceived(Error error) {
    }

    /** The server refused the login permanently; called once, then state becomes STOPPED. */
    default void failed(SignalException failure) {
    }
}
