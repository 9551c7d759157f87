package io.p2proxy.rendezvous.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.p2proxy.signal.ErrorCode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The server's Micrometer meters, made once at start so the hot paths only increment:
 * {@code p2proxy_signal_logins_total{result,reason}}, {@code p2proxy_signal_messages_routed_total},
 * {@code p2proxy_signal_errors_total{code}}, {@code p2proxy_signal_peers_online}; relaying:
 * {@code p2proxy_signal_relay_frames_total}, {@code p2proxy_signal_relay_bytes_total} (datagram bytes
 * delivered to the target's connection) and {@code p2proxy_signal_relay_dropped_total{reason}}.
 */
public final class ServerMetrics {

    private final Counter loginsOk;
    private final Map<ErrorCode, Counter> loginsFailed = new EnumMap<>(ErrorCode.class);
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Counter routed;
    private final Counter relayFrames;
    private final Counter relayBytes;
    private final Map<RelayHandler.Drop, Counter> relayDropped = new EnumMap<>(RelayHandler.Drop.class);

    public ServerMetrics(PrometheusMeterRegistry registry, PeerRegistry peers) {
        loginsOk = Counter.builder("p2proxy.signal.logins").tag("result", "ok").tag("reason", "none")
                .description("logins to the signaling server").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            loginsFailed.put(code, Counter.builder("p2proxy.signal.logins").tag("result", "failed")
                    .tag("reason", code.wire()).description("logins to the signaling server").register(registry));
            errors.put(code, Counter.builder("p2proxy.signal.errors").tag("code", code.wire())
                    .description("error replies sent to peers").register(registry));
        }
        routed = Counter.builder("p2proxy.signal.messages.routed")
                .description("signals forwarded from one peer to another").register(registry);
        relayFrames = Counter.builder("p2proxy.signal.relay.frames")
                .description("datagrams relayed from one peer to another").register(registry);
        relayBytes = Counter.builder("p2proxy.signal.relay.bytes")
                .description("datagram bytes relayed from one peer to another").register(registry);
        for (RelayHandler.Drop why : RelayHandler.Drop.values()) {
            relayDropped.put(why, Counter.builder("p2proxy.signal.relay.dropped").tag("reason", why.wire)
                    .description("relayed datagrams dropped at the server").register(registry));
        }
        Gauge.builder("p2proxy.signal.peers.online", peers, PeerRegistry::onlineCount)
                .description("peers logged in now").register(registry);
    }

    void loginOk() {
        loginsOk.increment();
    }

    void loginFailed(ErrorCode reason) {
        loginsFailed.get(reason).increment();
    }

    void routed() {
        routed.increment();
    }

    void relayed(int bytes) {
        relayFrames.increment();
        relayBytes.increment(bytes);
    }

    void relayDropped(RelayHandler.Drop why) {
        relayDropped.get(why).increment();
    }

    void error(ErrorCode code) {
        errors.get(code).increment();
    }
}
