package io.p2proxy.ice;

import io.p2proxy.turn.TurnConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one {@link IceAgent}. Start from {@link #defaults()} and change with the withers.
 *
 * @param stunServers      STUN servers for server-reflexive candidates (the rendezvous server announces them)
 * @param includeLoopback  gather loopback addresses of a wildcard-bound socket even when others exist
 * @param ta               check pacing (RFC 8445 §14.2; DESIGN.md: 20 ms)
 * @param checkRto         the RTO floor of a connectivity check (§14.3: 500 ms)
 * @param checkAttempts    sends per check before it fails (Rc; see {@code ChecklistRunner})
 * @param nominationDelay  how long the controlling agent waits for a better pair after the first success
 * @param failureTimeout   give up when nothing was selected this long after {@link IceAgent#gather()}
 * @param consentInterval  RFC 7675 §5.1: consent checks every interval, randomized by ±20 %
 * @param consentTimeout   RFC 7675 §5.1: consent lost after this long without a response (30 s)
 * @param turnServers      TURN servers (RFC 8656), one allocation each: relay candidates
 * @param transportPolicy  {@link IceTransportPolicy#ALL}, or {@link IceTransportPolicy#RELAY} candidates only
 * @param turnTimeout      how long gathering waits for an allocation before it goes on without that server
 */
public record IceConfig(List<InetSocketAddress> stunServers, boolean includeLoopback, Duration ta, Duration checkRto,
        int checkAttempts, Duration nominationDelay, Duration failureTimeout, Duration consentInterval,
        Duration consentTimeout, List<TurnConfig> turnServers, IceTransportPolicy transportPolicy,
        Duration turnTimeout) {

    public IceConfig {
        stunServers = List.copyOf(stunServers);
        for (InetSocketAddress s : stunServers) {
            if (s.isUnresolved()) {
                throw new IllegalArgumentException("stunServers: " + s + " (expected: resolved addresses)");
            }
        }
        turnServers = List.copyOf(turnServers);
        if (turnServers.stream().map(t -> List.of(t.server(), t.transport())).distinct().count() != turnServers.size()) {
            throw new IllegalArgumentException("turnServers: " + turnServers + " (expected: each server and transport once)");
        }
        Objects.requireNonNull(transportPolicy, "transportPolicy");
        positive(ta, "ta");
        positive(checkRto, "checkRto");
        positive(nominationDelay, "nominationDelay");
        positive(failureTimeout, "failureTimeout");
        positive(consentInterval, "consentInterval");
        positive(consentTimeout, "consentTimeout");
        positive(turnTimeout, "turnTimeout");
        if (checkAttempts < 1 || checkAttempts > 10) {
            throw new IllegalArgumentException("checkAttempts: " + checkAttempts + " (expected: 1..10)");
        }
        if (consentTimeout.compareTo(consentInterval) <= 0) {
            throw new IllegalArgumentException("consentTimeout: " + consentTimeout + " (expected: > consentInterval "
                    + consentInterval + ")");
        }
    }

    /**
     * No STUN or TURN server, policy ALL, no loopback, Ta 20 ms, RTO 500 ms × 5 sends, nomination
     * after 200 ms, give up after 30 s, consent 5 s / 30 s, TURN allocations awaited 5 s.
     */
    public static IceConfig defaults() {
        return new IceConfig(List.of(), false, Duration.ofMillis(20), Duration.ofMillis(500), 5, Duration.ofMillis(200),
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30), List.of(), IceTransportPolicy.ALL,
                Duration.ofSeconds(5));
    }

    public IceConfig withStunServers(List<InetSocketAddress> servers) {
        return new IceConfig(servers, includeLoopback, ta, checkRto, checkAttempts, nominationDelay, failureTimeout,
                consentInterval, consentTimeout, turnServers, transportPolicy, turnTimeout);
    }

    public IceConfig withLoopback(boolean include) {
        return new IceConfig(stunServers, include, ta, checkRto, checkAttempts, nominationDelay, failureTimeout,
                consentInterval, consentTimeout, turnServers, transportPolicy, turnTimeout);
    }

    public IceConfig withChecks(Duration rto, int attempts) {
        return new IceConfig(stunServers, includeLoopback, ta, rto, attempts, nominationDelay, failureTimeout,
                consentInterval, consentTimeout, turnServers, transportPolicy, turnTimeout);
    }

    public IceConfig withNominationDelay(Duration delay) {
        return new IceConfig(stunServers, includeLoopback, ta, checkRto, checkAttempts, delay, failureTimeout,
                consentInterval, consentTimeout, turnServers, transportPolicy, turnTimeout);
    }

    public IceConfig withFailureTimeout(Duration timeout) {
        return new IceConfig(stunServers, includeLoopback, ta, checkRto, checkAttempts, nominationDelay, timeout,
                consentInterval, consentTimeout, turnServers, transportPolicy, turnTimeout);
    }

    public IceConfig withConsent(Duration interval, Duration timeout) {
        return new IceConfig(stunServers, includeLoopback, ta, checkRto, checkAttempts, nominationDelay, failureTimeout,
                interval, timeout, turnServers, transportPolicy, turnTimeout);
    }

    /** TURN servers, each with its own long-term credentials; one allocation per server. */
    public IceConfig withTurnServers(List<TurnConfig> servers) {
        return withTurn(servers, transportPolicy, turnTimeout);
    }

    public IceConfig withTransportPolicy(IceTransportPolicy policy) {
        return withTurn(turnServers, policy, turnTimeout);
    }

    public IceConfig withTurnTimeout(Duration timeout) {
        return withTurn(turnServers, transportPolicy, timeout);
    }

    private IceConfig withTurn(List<TurnConfig> servers, IceTransportPolicy policy, Duration timeout) {
        return new IceConfig(stunServers, includeLoopback, ta, checkRto, checkAttempts, nominationDelay, failureTimeout,
                consentInterval, consentTimeout, servers, policy, timeout);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
