package io.p2proxy.node;

import io.p2proxy.common.IdentityException;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.node.internal.PeerNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.TrustManagerFactory;

/** Options for a peer beyond its config; {@link #start()} makes it run. */
public final class PeerBuilder {

    private final PeerConfig config;
    private TrustManagerFactory serverTrust;
    private Duration keepalive = Duration.ofSeconds(15);
    private boolean relayOnly;

    PeerBuilder(PeerConfig config) {
        this.config = config;
    }

    /** Trust these roots for a wss:// server instead of the JDK's (private CAs, tests). */
    public PeerBuilder serverTrust(TrustManagerFactory trust) {
        this.serverTrust = Objects.requireNonNull(trust, "trust");
        return this;
    }

    /** Signaling keepalive interval (default 15 s). */
    public PeerBuilder keepalive(Duration keepalive) {
        this.keepalive = Objects.requireNonNull(keepalive, "keepalive");
        return this;
    }

    /**
     * No direct paths (default false): ICE uses only TURN relay candidates, and without TURN every
     * session goes through the server relay. For networks where direct UDP must not be tried.
     */
    public PeerBuilder relayOnly(boolean relayOnly) {
        this.relayOnly = relayOnly;
        return this;
    }

    /**
     * Loads (or creates) the identity, binds the admin endpoint and starts logging in to the server;
     * returns without waiting for the login.
     *
     * @throws IdentityException when the key file cannot be used
     * @throws IOException       when the admin address cannot be bound
     */
    public Peer start() throws IdentityException, IOException {
        return PeerNode.start(config, new PeerNode.Options(serverTrust, keepalive, relayOnly));
    }
}
