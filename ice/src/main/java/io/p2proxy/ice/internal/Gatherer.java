package io.p2proxy.ice.internal;

import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.CandidateType;
import io.p2proxy.ice.IceEvent;
import io.p2proxy.ice.IceTransportPolicy;
import io.p2proxy.stun.StunClass;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMessages;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.StunRetransmission;
import io.p2proxy.turn.TurnAllocation;
import io.p2proxy.turn.TurnConfig;
import io.p2proxy.turn.TurnTransport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathering (RFC 8445 §5.1.1) on the agent's one socket: host candidates at once, then one
 * server-reflexive candidate per STUN server answer and one relay candidate per TURN allocation,
 * each trickled as it appears (RFC 8838 §4), then end-of-candidates once every server answered or
 * gave up (a TURN server within {@code turnTimeout}). Policy RELAY gathers relay candidates only. Confined to the event loop (interface enumeration is a few system
 * calls, done once).
 */
final class Gatherer {

    private static final Logger log = LoggerFactory.getLogger(Gatherer.class);
    /** Binding to a STUN server: RTO 500 ms, 3 sends (0, 0.5, 1.5 s), given up at 3.5 s, so that end-of-candidates comes soon. */
    private static final StunRetransmission SERVER_SCHEDULE = new StunRetransmission(Duration.ofMillis(500), 3, 4);

    private final AgentCore core;
    private final Transactions transactions;
    private final Relays relays;
    private final List<Candidate> hosts = new ArrayList<>();
    private int outstanding;
    private int count;
    private boolean started;

    Gatherer(AgentCore core, Transactions transactions, Relays relays) {
        this.core = core;
        this.transactions = transactions;
        this.relays = relays;
    }

    void start() {
        if (started) {
            return;
        }
        started = true;
        outstanding = 1; // this method's own share, so that an outcome reported at once cannot finish early
        InetSocketAddress bound = (InetSocketAddress) core.ctx.channel().localAddress();
        List<InetAddress> addresses = bound.getAddress().isAnyLocalAddress()
                ? interfaceAddresses(bound.getAddress() instanceof Inet4Address, core.config.includeLoopback())
                : List.of(bound.getAddress());
        boolean all = core.config.transportPolicy() == IceTransportPolicy.ALL;
        // §5.1.2.1 local preference: IPv4 first (65535 down), then IPv6 (32767 down), each in
        // interface order; loopback last. "MUST be an integer from 0 ... to 65535".
        int v4 = 65535;
        int v6 = 32767;
        for (InetAddress a : addresses) {
            int pref = a.isLoopbackAddress() ? 256 : a instanceof Inet4Address ? v4-- : v6--;
            InetSocketAddress address = new InetSocketAddress(a, bound.getPort());
            Candidate host = Candidate.udp(foundation(CandidateType.HOST, a, null),
                    Priorities.candidate(CandidateType.HOST, Math.max(pref, 0), Candidate.COMPONENT), address,
                    CandidateType.HOST, null);
            hosts.add(host);
            if (all) {
                add(host);
            }
        }
        if (all) {
            askStunServers(true);
        }
        // RFC 8445 §5.1.1.2: one relayed candidate per TURN server; its mapped address is server-reflexive too.
        List<TurnConfig> turnServers = core.config.turnServers();
        for (int i = 0; i < turnServers.size(); i++) {
            TurnConfig turn = turnServers.get(i);
            int pref = 65535 - i; // the first server listed is preferred
            outstanding++;
            relays.allocate(turn, allocation -> {
                if (allocation != null) {
                    onAllocated(turn, pref, allocation);
                }
                done();
            });
        }
        done();
    }

    /**
     * Asks every STUN server again (on a retry): a mapping that could not be learned before (UDP was
     * blocked) or that changed (the NAT rebound) becomes a new server-reflexive candidate, trickled
     * to the peer, whose checks then start again. Known mappings are not repeated.
     */
    void refreshServerReflexive() {
        if (started && core.config.transportPolicy() == IceTransportPolicy.ALL) {
            askStunServers(false);
        }
    }

    private void askStunServers(boolean initial) {
        for (InetSocketAddress server : core.config.stunServers()) {
            Candidate base = baseFor(server);
            if (base == null) {
                continue;
            }
            if (initial) {
                outstanding++;
            }
            transactions.start(StunMessage.request(StunMethod.BINDING), server, null, null, SERVER_SCHEDULE,
                    new Transactions.Callback() {
                        @Override
                        public void response(StunMessage response, Duration rtt) {
                            var mapped = response.messageClass() == StunClass.SUCCESS_RESPONSE
                                    ? StunMessages.mappedAddress(response) : java.util.Optional.<InetSocketAddress>empty();
                            if (mapped.isEmpty()) {
                                log.info("STUN server {} gave no mapped address: {}", server, response);
                            } else {
                                addServerReflexive(server, base, mapped.get());
                            }
                            if (initial) {
                                done();
                            }
                        }

                        @Override
                        public void timeout() {
                            log.info("STUN server {} did not answer: no server-reflexive candidate from it", server);
                            if (initial) {
                                done();
                            }
                        }
                    });
        }
    }

    /**
     * §5.1.2: a relay candidate has type preference 0; its related address is the mapped address
     * (RFC 8839 §5.1: "for relayed candidates, the mapped address"). With policy ALL, the mapped
     * address is also a server-reflexive candidate of the host base, unless already known.
     */
    private void onAllocated(TurnConfig turn, int pref, TurnAllocation allocation) {
        InetSocketAddress relayed = allocation.relayed();
        // The relayed transport is UDP whichever way the server is reached; the foundation tells them apart.
        String via = turn.transport() == TurnTransport.TCP ? "tcp" : "udp";
        add(Candidate.udp(foundation(CandidateType.RELAY, relayed.getAddress(), turn.server().getAddress(), via),
                Priorities.candidate(CandidateType.RELAY, pref, Candidate.COMPONENT), relayed, CandidateType.RELAY,
                allocation.mapped()));
        for (Candidate remote : core.controller.remoteCandidates()) {
            relays.permitAll(remote.address().getAddress());
        }
        Candidate base = baseFor(turn.server());
        // Over TCP the mapped address is the connection's: no UDP socket has it.
        if (core.config.transportPolicy() == IceTransportPolicy.ALL && base != null
                && turn.transport() == TurnTransport.UDP) {
            addServerReflexive(turn.server(), base, allocation.mapped());
        }
    }

    /** The host candidate a server of that family and scope is reached from, or null. */
    private Candidate baseFor(InetSocketAddress server) {
        return hosts.stream().filter(h -> sameFamily(h.address(), server) && h.address().getAddress()
                .isLoopbackAddress() == server.getAddress().isLoopbackAddress()).findFirst().orElse(null);
    }

    private void addServerReflexive(InetSocketAddress server, Candidate base, InetSocketAddress mapped) {
        // §5.1.3: a server-reflexive candidate equal to a host (or an earlier) candidate is redundant.
        if (core.controller.localCandidates().stream().anyMatch(c -> c.address().equals(mapped))) {
            return;
        }
        int pref = Priorities.localPreference(base.priority());
        add(Candidate.udp(foundation(CandidateType.SERVER_REFLEXIVE, base.address().getAddress(), server.getAddress()),
                Priorities.candidate(CandidateType.SERVER_REFLEXIVE, pref, Candidate.COMPONENT), mapped,
                CandidateType.SERVER_REFLEXIVE, base.address()));
    }

    private void add(Candidate c) {
        count++;
        core.controller.addLocal(c);
        log.debug("ICE local candidate {}", c.format());
        core.emit(new IceEvent.LocalCandidate(c));
    }

    private void done() {
        if (--outstanding == 0) {
            finish();
        }
    }

    private void finish() {
        core.controller.localGatheringDone();
        core.emit(new IceEvent.GatheringDone(count));
        core.publish();
    }

    /**
     * Every address of every interface that is up, skipping virtual sub-interfaces, link-local and
     * multicast addresses (a link-local IPv6 address needs a scope a peer cannot use), and IPv6 on an
     * IPv4 socket. Loopback only when asked or when nothing else exists.
     */
    static List<InetAddress> interfaceAddresses(boolean ipv4Socket, boolean includeLoopback) {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        List<InetAddress> loopback = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isVirtual()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a.isLinkLocalAddress() || a.isMulticastAddress() || a.isAnyLocalAddress()
                            || (ipv4Socket && !(a instanceof Inet4Address))) {
                        continue;
                    }
                    (a.isLoopbackAddress() ? loopback : a instanceof Inet4Address ? v4 : v6).add(a);
                }
            }
        } catch (SocketException e) {
            log.warn("cannot list network interfaces: {}", e.toString());
        }
        List<InetAddress> all = new ArrayList<>(v4);
        all.addAll(v6);
        if (includeLoopback || all.isEmpty()) {
            all.addAll(loopback);
        }
        return all;
    }

    /** §5.1.1.3: the same type, base IP address, STUN server and transport give the same foundation. */
    private static String foundation(CandidateType type, InetAddress base, InetAddress server) {
        return foundation(type, base, server, "udp");
    }

    private static String foundation(CandidateType type, InetAddress base, InetAddress server, String transport) {
        String key = type.token() + "|" + base.getHostAddress() + "|" + (server == null ? "" : server.getHostAddress())
                + "|" + transport;
        return Integer.toUnsignedString(key.hashCode(), 36);
    }

    private static boolean sameFamily(InetSocketAddress a, InetSocketAddress b) {
        return (a.getAddress() instanceof Inet4Address) == (b.getAddress() instanceof Inet4Address);
    }
}
