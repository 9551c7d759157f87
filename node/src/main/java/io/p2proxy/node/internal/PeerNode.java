package io.p2proxy.node.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.admin.AdminMetrics;
import io.p2proxy.admin.AdminServer;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Identity;
import io.p2proxy.common.IdentityException;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.PeerId;
import io.p2proxy.common.Transports;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.ice.IceConfig;
import io.p2proxy.node.Peer;
import io.p2proxy.node.PeerStatus;
import io.p2proxy.proxy.HttpProxyListener;
import io.p2proxy.proxy.SocksListener;
import io.p2proxy.rtsp.RtspListener;
import io.p2proxy.session.ForwardListener;
import io.p2proxy.session.KnownPeers;
import io.p2proxy.session.PublishResolver;
import io.p2proxy.session.SessionManager;
import io.p2proxy.session.SessionSettings;
import io.p2proxy.session.SessionSnapshot;
import io.p2proxy.session.internal.AgentPath;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalException;
import io.p2proxy.signal.SignalMessage;
import io.p2proxy.signal.SignalState;
import io.p2proxy.transport.TransportConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's composition root: identity, event loops, signaling, sessions, listeners, admin. It
 * creates each part, so it closes each, in the reverse order.
 */
public final class PeerNode implements Peer {

    private static final Logger log = LoggerFactory.getLogger(PeerNode.class);
    /** From the first offer to an authenticated QUIC connection. */
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CONSENT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(10);

    /** Path timings that tests (and rare users) tune with system properties, e.g. -Dp2proxy.relayRetry=5s. */
    private static Duration tuning(String property, Duration fallback) {
        String value = System.getProperty(property);
        return value == null ? fallback : io.p2proxy.common.Durations.parse(value);
    }

    private final PeerConfig config;
    private final Identity identity;
    private final EventLoopGroup group;
    private final PrometheusMeterRegistry registry;
    private final CompletableFuture<SignalException> failure = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<ForwardListener> forwards = new ArrayList<>();
    private volatile SignalClient signal;
    private List<io.p2proxy.turn.TurnConfig> turnServers = List.of();
    private boolean relayOnly;
    private SessionManager sessions;
    private SocksListener socks;
    private HttpProxyListener http;
    private RtspListener rtsp;
    private AdminServer admin;

    private PeerNode(PeerConfig config, Identity identity) {
        this.config = config;
        this.identity = identity;
        this.group = Transports.group(Math.max(2, Runtime.getRuntime().availableProcessors()),
                NamedThreadFactory.of("peer-" + config.name()));
        this.registry = AdminMetrics.newRegistry();
    }

    /**
     * What {@code PeerBuilder} adds to a config.
     *
     * @param relayOnly no direct paths: ICE uses TURN relay candidates only, else the server relay
     */
    public record Options(TrustManagerFactory serverTrust, Duration keepalive, boolean relayOnly) {
    }

    public static Peer start(PeerConfig config, Options options) throws IdentityException, IOException {
        boolean existed = Files.exists(config.key());
        Identity identity = Identity.loadOrCreate(config.key());
        if (!existed) {
            log.info("peer {}: created identity key {} (mode 0600), peer id {}", config.name(), config.key(), identity.id());
        }
        PeerNode node = new PeerNode(config, identity);
        try {
            node.startParts(options);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void startParts(Options options) throws IOException {
        TrustManagerFactory serverTrust = options.serverTrust();
        relayOnly = options.relayOnly();
        turnServers = TurnUrls.resolve(config.name(), config.turn());
        SessionManager[] self = new SessionManager[1];
        PublishResolver resolver = new PublishResolver(config.name(), config.publish(), id -> self[0].nameOf(id));
        SessionSettings settings = new SessionSettings(config.linger(), SETUP_TIMEOUT, TransportConfig.defaults(),
                (udp, controlling, listener) -> AgentPath.factory(iceConfig()).create(udp, controlling, listener),
                sessionBind()).withRelayTimings(tuning("p2proxy.relayAfter", SessionSettings.RELAY_AFTER),
                tuning("p2proxy.relayRetry", SessionSettings.RELAY_RETRY));
        sessions = new SessionManager(identity, group, new ServerWay(), resolver, KnownPeers.load(knownPeersFile()),
                settings);
        self[0] = sessions;

        SignalClient.Builder builder = SignalClient.builder(config.server(), config.name(), identity, config.token())
                .group(group)
                .keepalive(options.keepalive())
                .listener(new SignalEvents(config.name(), registry, failure, sessions));
        if (serverTrust != null) {
            builder.trustManager(serverTrust);
        }
        signal = builder.build();
        for (PeerConfig.Forward f : config.forward()) {
            forwards.add(ForwardListener.start(group, sessions, f));
        }
        if (config.socks() != null) {
            socks = SocksListener.start(group, sessions, config.socks());
        }
        if (config.http() != null) {
            http = HttpProxyListener.start(group, sessions, config.http());
        }
        if (config.rtsp() != null) {
            rtsp = RtspListener.start(group, sessions, config.rtsp());
        }
        registerMeters();
        if (config.admin() != null) {
            admin = AdminServer.start(group, config.admin(), this::status, registry);
        }
        log.info("peer {}: id {}, logging in to {}", config.name(), identity.id(), config.server());
        signal.start();
    }

    /** Next to the key: garage.key → garage.known_peers (one pin file per identity). */
    private Path knownPeersFile() {
        String file = config.key().getFileName().toString();
        String base = file.endsWith(".key") ? file.substring(0, file.length() - 4) : file;
        return config.key().resolveSibling(base + ".known_peers");
    }

    /**
     * With a server on loopback everything is on this machine: sessions bind 127.0.0.1, so that ICE
     * offers nothing but loopback. Otherwise every interface.
     */
    private InetAddress sessionBind() {
        try {
            InetAddress server = InetAddress.getByName(config.server().getHost());
            return server.isLoopbackAddress() ? InetAddress.getLoopbackAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** STUN servers: the config's, else those the server announced at the last login. */
    private IceConfig iceConfig() {
        List<HostPort> stun = config.stun();
        if (stun.isEmpty() && signal != null && signal.welcome() != null) {
            stun = signal.welcome().stun();
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (HostPort hp : stun) {
            InetSocketAddress a = new InetSocketAddress(hp.host(), hp.port());
            if (!a.isUnresolved()) {
                servers.add(a);
            }
        }
        // Consent (RFC 7675) well inside QUIC's 30 s idle timeout, so that a dead direct path moves to
        // the relay before QUIC gives up on the connection.
        IceConfig ice = IceConfig.defaults().withStunServers(servers).withTurnServers(turnServers)
                .withConsent(tuning("p2proxy.consentInterval", CONSENT_INTERVAL), tuning("p2proxy.consentTimeout", CONSENT_TIMEOUT));
        return relayOnly ? ice.withTransportPolicy(io.p2proxy.ice.IceTransportPolicy.RELAY) : ice;
    }

    /** Signaling and the server relay, through whatever signaling client is current. */
    private final class ServerWay implements io.p2proxy.session.Signaling {
        @Override
        public boolean send(String peer, com.fasterxml.jackson.databind.JsonNode payload) {
            return signal != null && signal.send(peer, payload);
        }

        @Override
        public boolean relayAvailable() {
            SignalClient s = signal;
            return s != null && s.state() == SignalState.CONNECTED && s.welcome() != null && s.welcome().relay();
        }

        @Override
        public boolean relay(String peer, io.netty.buffer.ByteBuf datagram) {
            SignalClient s = signal;
            if (s == null) {
                datagram.release();
                return false;
            }
            return s.relay(peer, datagram);
        }
    }

    private void registerMeters() {
        Gauge.builder("p2proxy_server_connected", signal, s -> s.state() == SignalState.CONNECTED ? 1 : 0)
                .description("1 while logged in to the rendezvous server").register(registry);
        Gauge.builder("p2proxy_sessions", sessions, SessionManager::size)
                .description("peer sessions now up or connecting").register(registry);
        Gauge.builder("p2proxy_streams", sessions, m -> m.sessions().stream().mapToInt(SessionSnapshot::streams).sum())
                .description("proxied connections now open").register(registry);
        Gauge.builder("p2proxy_session_bytes_sent", sessions,
                m -> m.sessions().stream().mapToLong(SessionSnapshot::bytesSent).sum())
                .description("bytes sent to peers over the sessions now up").register(registry);
        Gauge.builder("p2proxy_session_bytes_received", sessions,
                m -> m.sessions().stream().mapToLong(SessionSnapshot::bytesReceived).sum())
                .description("bytes received from peers over the sessions now up").register(registry);
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
    public List<InetSocketAddress> forwardAddresses() {
        return forwards.stream().map(ForwardListener::localAddress).toList();
    }

    @Override
    public PeerStatus status() {
        SignalState state = serverState();
        String reason = state == SignalState.CONNECTED ? null : signal == null ? null : signal.reason();
        List<PeerStatus.Session> list = sessions.sessions().stream().map(s -> new PeerStatus.Session(s.peer(), s.id(),
                s.state(), s.path(), s.remote(), s.rttMillis(), s.streams(), s.bytesSent(), s.bytesReceived(),
                s.pathReason().isEmpty() ? null : s.pathReason())).toList();
        List<PeerStatus.Listener> listeners = new ArrayList<>(forwards.stream().map(f -> new PeerStatus.Listener("forward",
                HostPort.of(f.localAddress()).toString(), f.forward().to().toString())).toList());
        if (socks != null) {
            listeners.add(new PeerStatus.Listener("socks", HostPort.of(socks.localAddress()).toString(), null));
        }
        if (http != null) {
            listeners.add(new PeerStatus.Listener("http", HostPort.of(http.localAddress()).toString(), null));
        }
        if (rtsp != null) {
            listeners.add(new PeerStatus.Listener("rtsp", HostPort.of(rtsp.localAddress()).toString(), null));
        }
        List<PeerStatus.Published> published = config.publish().stream()
                .map(p -> new PeerStatus.Published(p.name(), p.target().toString())).toList();
        return new PeerStatus(config.name(), identity.id().value(),
                new PeerStatus.Server(config.server().toString(), state.wire(), reason), list, listeners, published);
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
        forwards.forEach(ForwardListener::close);
        if (socks != null) {
            socks.close();
        }
        if (http != null) {
            http.close();
        }
        if (rtsp != null) {
            rtsp.close();
        }
        if (sessions != null) {
            sessions.close();
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

    /** Routes and logs what the signaling client reports. Runs on the client's loop (one call at a time). */
    private static final class SignalEvents implements io.p2proxy.signal.SignalListener {
        private final String name;
        private final PrometheusMeterRegistry registry;
        private final CompletableFuture<SignalException> failure;
        private final SessionManager sessions;
        private boolean wasConnected;
        private boolean everConnected;

        SignalEvents(String name, PrometheusMeterRegistry registry, CompletableFuture<SignalException> failure,
                SessionManager sessions) {
            this.name = name;
            this.registry = registry;
            this.failure = failure;
            this.sessions = sessions;
        }

        @Override
        public void stateChanged(SignalState state, String reason) {
            registry.counter("p2proxy_server_state_changes_total", "state", state.wire()).increment();
            if (state == SignalState.DISCONNECTED && wasConnected) {
                // One line when the server goes away, not one per reconnect attempt.
                log.warn("peer {}: lost the rendezvous server ({}); existing sessions keep running, reconnecting",
                        name, reason);
            }
            if (state == SignalState.CONNECTED && everConnected) {
                sessions.signalingRestored(); // the server forgot its introductions: relayed pairs need them
            }
            everConnected |= state == SignalState.CONNECTED;
            wasConnected = state == SignalState.CONNECTED;
        }

        @Override
        public void signalReceived(String from, String fromId, com.fasterxml.jackson.databind.JsonNode payload) {
            sessions.onSignal(from, fromId, payload);
        }

        @Override
        public void relayReceived(String from, io.netty.buffer.ByteBuf datagram) {
            sessions.onRelay(from, datagram);
        }

        @Override
        public void errorReceived(SignalMessage.Error error) {
            if (error.ref() != null && (error.code() == io.p2proxy.signal.ErrorCode.OFFLINE
                    || error.code() == io.p2proxy.signal.ErrorCode.UNKNOWN_PEER)) {
                sessions.onPeerUnreachable(error.ref(), "peer " + error.ref() + " is "
                        + (error.code() == io.p2proxy.signal.ErrorCode.OFFLINE ? "offline" : "unknown to the server"));
            }
        }

        @Override
        public void failed(SignalException e) {
            log.error("peer {}: the server refused this peer for good: {}", name, e.getMessage());
            failure.complete(e);
        }
    }
}
