package io.p2proxy.ice.internal;

import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.CandidateType;
import io.p2proxy.ice.IceRole;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The one checklist of a one-component session (RFC 8445 §6.1.2): pairs formed from local and
 * remote candidates, pruned, kept in priority order, with the initial states of §6.1.2.6 and the
 * trickle rule of RFC 8838 §10. Pure data; confined to the agent's event loop through its controller.
 */
final class Checklist {

    /** Highest first; a stable sort keeps insertion order among equals. */
    private static final Comparator<CandidatePair> BY_PRIORITY =
            Comparator.comparingLong((CandidatePair p) -> p.priority()).reversed();

    private final List<Candidate> locals = new ArrayList<>();
    private final List<Candidate> remotes = new ArrayList<>();
    private final List<CandidatePair> pairs = new ArrayList<>();
    private final int maxPairs;

    Checklist(int maxPairs) {
        this.maxPairs = maxPairs;
    }

    List<CandidatePair> pairs() {
        return Collections.unmodifiableList(pairs);
    }

    List<Candidate> remotes() {
        return Collections.unmodifiableList(remotes);
    }

    List<Candidate> locals() {
        return Collections.unmodifiableList(locals);
    }

    /**
     * §6.1.2.4: "the agent MUST replace the local server-reflexive candidate with its base" and
     * then remove the now-redundant pair: on one socket a server-reflexive candidate's pairs are
     * exactly its base's, so it forms none. Peer-reflexive local candidates are learnt from
     * responses and are never paired (§7.2.5.3.1).
     */
    void addLocal(Candidate local, IceRole role) {
        if (locals.stream().anyMatch(c -> c.address().equals(local.address()) && c.transport().equals(local.transport()))) {
            return;
        }
        locals.add(local);
        if (local.type() == CandidateType.HOST || local.type() == CandidateType.RELAY) {
            for (Candidate remote : remotes) {
                form(local, remote, role);
            }
            sortAndLimit();
        }
    }

    /** Returns the candidate now known for that address: {@code remote}, or the one it duplicates. */
    Candidate addRemote(Candidate remote, IceRole role) {
        for (Candidate known : remotes) {
            if (known.address().equals(remote.address()) && known.transport().equals(remote.transport())) {
                if (known.type() == CandidateType.PEER_REFLEXIVE && remote.type() != CandidateType.PEER_REFLEXIVE) {
                    // RFC 8838 §11.4 spirit: the signalled candidate replaces the peer-reflexive one
                    // learnt from an early check; the pairs keep their state.
                    remotes.set(remotes.indexOf(known), remote);
                    for (CandidatePair p : pairs) {
                        if (p.remote() == known) {
                            p.replaceRemote(remote);
                        }
                    }
                    reprioritize(role);
                    return remote;
                }
                return known;
            }
        }
        remotes.add(remote);
        for (Candidate local : locals) {
            if (local.type() == CandidateType.HOST || local.type() == CandidateType.RELAY) {
                form(local, remote, role);
            }
        }
        sortAndLimit();
        return remote;
    }

    /**
     * §6.1.2.2: pair candidates of the same component, transport and IP address family. Loopback
     * pairs only with loopback: a datagram from 127.0.0.1 to another host is dropped by the kernel.
     */
    private void form(Candidate local, Candidate remote, IceRole role) {
        if (local.component() != remote.component() || !local.transport().equals(remote.transport())
                || family(local.address()) != family(remote.address())
                || local.address().getAddress().isLoopbackAddress() != remote.address().getAddress().isLoopbackAddress()) {
            return;
        }
        // RFC 8838 §10 / RFC 8445 §6.1.2.6: a new pair starts Waiting unless a pair with the same
        // foundation is already Waiting or In-Progress, in which case it waits Frozen for that one.
        CandidatePair pair = new CandidatePair(local, remote, priority(local, remote, role), PairState.WAITING);
        boolean sameFoundationActive = pairs.stream().anyMatch(p -> p.foundation().equals(pair.foundation())
                && (p.state == PairState.WAITING || p.state == PairState.IN_PROGRESS));
        if (sameFoundationActive) {
            pair.state = PairState.FROZEN;
        }
        pairs.add(pair);
    }

    /** §6.1.2.5: "limit the total number of connectivity checks" (default 100): drop the lowest unchecked pairs. */
    private void sortAndLimit() {
        pairs.sort(BY_PRIORITY);
        for (int i = pairs.size() - 1; i >= 0 && pairs.size() > maxPairs; i--) {
            PairState s = pairs.get(i).state;
            if (s == PairState.FROZEN || s == PairState.WAITING) {
                pairs.remove(i);
            }
        }
    }

    /** Recomputes every pair priority after a role change and restores the order. */
    void reprioritize(IceRole role) {
        for (CandidatePair p : pairs) {
            p.priority(priority(p.local(), p.remote(), role));
        }
        pairs.sort(BY_PRIORITY);
    }

    CandidatePair find(Candidate local, Candidate remote) {
        for (CandidatePair p : pairs) {
            if (p.local() == local && p.remote() == remote) {
                return p;
            }
        }
        return null;
    }

    Candidate remoteAt(InetSocketAddress address) {
        return remotes.stream().filter(c -> c.address().equals(address)).findFirst().orElse(null);
    }

    Candidate localAt(InetSocketAddress address) {
        return locals.stream().filter(c -> c.address().equals(address)).findFirst().orElse(null);
    }

    static long priority(Candidate local, Candidate remote, IceRole role) {
        return role == IceRole.CONTROLLING ? Priorities.pair(local.priority(), remote.priority())
                : Priorities.pair(remote.priority(), local.priority());
    }

    private static int family(InetSocketAddress a) {
        return a.getAddress() instanceof Inet4Address ? 4 : 6;
    }
}
