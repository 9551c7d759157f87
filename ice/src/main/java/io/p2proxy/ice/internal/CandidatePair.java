package io.p2proxy.ice.internal;

import io.p2proxy.ice.Candidate;
import java.time.Duration;

/**
 * A local and a remote candidate and what the checks learned about them (RFC 8445 §6.1.2).
 * Mutable, owned by the {@link IceController} and therefore confined to the agent's event loop;
 * the mechanism reads it and reports results back through the controller.
 */
public final class CandidatePair {

    private final Candidate local;
    private Candidate remote;       // replaced when a peer-reflexive remote is later signalled
    private long priority;          // §6.1.2.3; changes with the role
    PairState state;
    /** §7.2.5.3.2: a check on this pair produced a valid pair: this one. */
    boolean valid;
    long validAtNanos;
    /** The controlling agent sent USE-CANDIDATE on this pair and the check succeeded, or the controlled agent accepted one. */
    boolean nominated;
    /** Controlling: a check with USE-CANDIDATE is in flight. */
    boolean nominating;
    /** Controlled: the peer sent USE-CANDIDATE here before our own check succeeded (§7.3.1.5). */
    boolean remoteNominated;
    Duration rtt;

    CandidatePair(Candidate local, Candidate remote, long priority, PairState state) {
        this.local = local;
        this.remote = remote;
        this.priority = priority;
        this.state = state;
    }

    public Candidate local() {
        return local;
    }

    public Candidate remote() {
        return remote;
    }

    void replaceRemote(Candidate signalled) {
        this.remote = signalled;
    }

    public long priority() {
        return priority;
    }

    void priority(long priority) {
        this.priority = priority;
    }

    public PairState state() {
        return state;
    }

    public boolean valid() {
        return valid;
    }

    public boolean nominated() {
        return nominated;
    }

    /** The round-trip time of the last successful check, or null. */
    public Duration rtt() {
        return rtt;
    }

    /** §6.1.2.6: "the foundations of the local and remote candidates" together. */
    public String foundation() {
        return local.foundation() + ":" + remote.foundation();
    }

    @Override
    public String toString() {
        return local + " -> " + remote + " (" + state + (nominated ? ", nominated" : "") + ")";
    }
}
