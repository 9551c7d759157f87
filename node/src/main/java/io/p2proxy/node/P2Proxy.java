package io.p2proxy.node;

import io.p2proxy.config.PeerConfig;
import java.util.Objects;

/**
 * The embedding API: {@code try (Peer peer = P2Proxy.peer(config).start()) { ... }}.
 * {@link Peer#close()} releases every socket, thread, timer and buffer the peer made.
 */
public final class P2Proxy {

    private P2Proxy() {
    }

    public static PeerBuilder peer(PeerConfig config) {
        return new PeerBuilder(Objects.requireNonNull(config, "config"));
    }
}
