package io.p2proxy.node;

import io.p2proxy.common.PeerId;
import io.p2proxy.signal.SignalException;
import io.p2proxy.signal.SignalState;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/** A running peer. Thread-safe; {@link #close()} is idempotent and always finishes. */
public interface Peer extends Closeable {

    String name();

    PeerId id();

    /** Where the admin endpoint listens, or null when it is off. */
    InetSocketAddress adminAddress();

    SignalState serverState();

    /** Where each {@code [[forward]]} listens, in config order, with the real port when 0 was asked for. */
    java.util.List<InetSocketAddress> forwardAddresses();

    /** A snapshot of what {@code GET /status} shows. */
    PeerStatus status();

    /**
     * Completes when the server refused this peer for good (wrong token, name taken by another key):
     * the peer stops trying and its owner should report the reason and exit with status 1.
     */
    CompletionStage<SignalException> failure();

    @Override
    void close();
}
