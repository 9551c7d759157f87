package io.p2proxy.node.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.admin.AdminMetrics;
import io.p2proxy.admin.AdminServer;
import io.p2proxy.common.Identity;
import io.p2proxy.common.IdentityException;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.PeerId;
import io.p2proxy.common.Transports;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.node.Peer;
import io.p2proxy.node.PeerStatus;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalException;
import io.p2proxy.signal.SignalState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The peer's composition root: identity, event loops, signaling, admin. It creates each, so it closes each. */
public final class PeerNode implements Peer {

    private static final Logger log = LoggerFactory.getLogger(PeerNode.class);

    private final PeerConfig config;
    private final Identity identity;
    private final EventLoopGroup group;
    private final PrometheusMeterRegistry registry;
    private final CompletableFuture<SignalException> failure = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private SignalClient signal;
    private AdminServer admin;

    private PeerNode(PeerConfig config, Identity identity) {
        this.config = config;
        this.identity = identity;
        this.group = Transports.group(Math.max(2, Runtime.getRuntime().availableProcessors()),
                NamedThreadFactory.of("peer-" + config.name()));
        this.registry = AdminMetrics.newRegistry();
    }

    public static Peer start(PeerConfig config, TrustManagerFactory serverTrust, Duration keepalive)
            throws IdentityException, IOException {
        boolean existed = Files.exists(config.key());
        Identity identity = Identity.loadOrCreate(config.key());
        if (!existed) {
            log.info("peer {}: created identity key {} (mode 0600), peer id {}", config.name(), config.key(), identity.id());
        }
        PeerNode node = new PeerNode(config, identity);
        try {
            node.startParts(serverTrust, keepalive);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void startParts(TrustManagerFactory serverTrust, Duration keepalive) throws IOException {
        if (!config.forward().isEmpty() || config.socks() != null || config.http() != null || config.rtsp() != null) {
            log.warn("peer {}: listeners (forward, socks, http, rtsp) are configured but not active in this version: "
                    + "the data path is not built yet", config.name());
        }
        SignalClient.Builder builder = SignalClient.builder(config.server(), config.name(), identity, config.token())
                .group(group)
                .keepalive(keepalive)
                .listener(new SignalEvents(config.name(), registry, failure));
        if (serverTrust != null) {
            builder.trustManager(serverTrust);
        }
        signal = builder.build();
        Gauge.builder("p2proxy_server_connected", signal, s -> s.state() == SignalState.CONNECTED ? 1 : 0)
                .description("1 while logged in to the rendezvous server").register(registry);
        if (config.admin() != null) {
            admin = AdminServer.start(group, config.admin(), this::status, registry);
        }
        log.info("peer {}: id {}, logging in to {}", config.name(), identity.id(), config.server());
        signal.start();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public PeerId id() {
        return identity.id();
    }

    @Override
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.localAddress();
    }

    @Override
    public SignalState serverState() {
        return signal == null ? SignalState.STOPPED : signal.state();
    }

    @Override
    public PeerStatus status() {
        SignalState state = serverState();
        String reason = state == SignalState.CONNECTED ? null : signal == null ? null : signal.reason();
        List<PeerStatus.Published> published = config.publish().stream()
                .map(p -> new PeerStatus.Published(p.name(), p.target().toString())).toList();
        return new PeerStatus(config.name(), identity.id().value(),
                new PeerStatus.Server(config.server().toString(), state.wire(), reason),
                List.of(), List.of(), published);
    }

    @Override
    public CompletionStage<SignalException> failure() {
        return failure.minimalCompletionStage();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (admin != null) {
            admin.close();
        }
        if (signal != null) {
            signal.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        registry.close();
        log.info("peer {}: stopped", config.name());
    }

    /** Counts and logs what the signaling client reports. Runs on the client's loop (one call at a time). */
    private static final class SignalEvents implements io.p2proxy.signal.SignalListener {
        private final String name;
        private final PrometheusMeterRegistry registry;
        private final CompletableFuture<SignalException> failure;
        private boolean wasConnected;

        SignalEvents(String name, PrometheusMeterRegistry registry, CompletableFuture<SignalException> failure) {
            this.name = name;
            this.registry = registry;
            this.failure = failure;
        }

        @Override
        public void stateChanged(SignalState state, String reason) {
            Counter.builder("p2proxy_server_state_changes_total").tag("state", state.wire()).register(registry).increment();
            if (state == SignalState.DISCONNECTED && wasConnected) {
                // One line when the server goes away, not one per reconnect attempt.
                log.warn("peer {}: lost the rendezvous server ({}); existing sessions keep running, reconnecting", name, reason);
            }
            wasConnected = state == SignalState.CONNECTED;
        }

        @Override
        public void failed(SignalException e) {
            log.error("peer {}: the server refused this peer for good: {}", name, e.getMessage());
            failure.complete(e);
        }
    }
}
