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
 * {@code p2proxy_signal_errors_total{code}}, {@code p2proxy_signal_peers_online}.
 */
public final class ServerMetrics {

    private final Counter loginsOk;
    private final Map<ErrorCode, Counter> loginsFailed = new EnumMap<>(ErrorCode.class);
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Counter routed;

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

    void error(ErrorCode code) {
        errors.get(code).increment();
    }
}
