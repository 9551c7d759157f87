package io.p2proxy.session.internal;

import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.CandidateType;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a session's candidates say about the NATs in the way. A server-reflexive candidate is the
 * mapping a STUN server saw; two of them from one base with different ports mean the NAT maps per
 * destination (symmetric): a hole punched towards the STUN server is not the one the peer would
 * need. The rendezvous server answers STUN on a second port where configured, which makes this
 * visible. (No server-reflexive candidate at all tells nothing: a public host's mapping equals its
 * host candidate and is not repeated.) On the session's loop.
 */
final class NatClues {

    private final Map<InetSocketAddress, Set<InetSocketAddress>> localMappings = new HashMap<>();
    private final Map<InetSocketAddress, Set<InetSocketAddress>> remoteMappings = new HashMap<>();

    void local(Candidate c) {
        if (c.type() == CandidateType.SERVER_REFLEXIVE && c.relatedAddress() != null) {
            localMappings.computeIfAbsent(c.relatedAddress(), k -> new HashSet<>()).add(c.address());
        }
    }

    void remote(Candidate c) {
        if (c.type() == CandidateType.SERVER_REFLEXIVE && c.relatedAddress() != null) {
            remoteMappings.computeIfAbsent(c.relatedAddress(), k -> new HashSet<>()).add(c.address());
        }
    }

    String diagnosis() {
        List<String> clues = new ArrayList<>();
        if (perDestination(localMappings)) {
            clues.add("this side's NAT maps per destination");
        }
        if (perDestination(remoteMappings)) {
            clues.add("the peer's NAT maps per destination");
        }
        return String.join("; ", clues);
    }

    private static boolean perDestination(Map<InetSocketAddress, Set<InetSocketAddress>> mappings) {
        return mappings.values().stream().anyMatch(s -> s.size() > 1);
    }
}
