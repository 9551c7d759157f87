package io.p2proxy.ice.internal;

import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.CandidateType;
import io.p2proxy.ice.IceRole;
import io.p2proxy.ice.TransportKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * ICE policy (RFC 8445 §6–§8) for one component: which pair to check at each Ta tick, what a
 * check result means, when to nominate, which pair is selected, when to give up. Pure: no
 * sockets, no timers, no clock; every time-dependent input takes {@code now} in nanoseconds of
 * the caller's ticker. Not thread-safe: the agent confines it to its event loop.
 *
 * <p>Continuing after selection (the hook for issue 4): candidates added later form new pairs,
 * and pairs ranked above the selected one are still checked; a better valid pair is nominated
 * again (controlling) or followed (controlled, on USE-CANDIDATE), without dropping the selected
 * pair meanwhile. Pairs ranked below the selected one are not checked.
 *
 * <p>Stopping and trying again: checks stop on failure and when consent is lost. {@link #retry}
 * puts pairs back into play with a fresh failure timeout, and so do a check from the peer on a
 * Failed pair (§7.3.1.4) and a remote candidate that forms new pairs (trickle after failure).
 */
public final class IceController {

    /** §7.3.1.1 outcome for an incoming check. */
    public enum RoleConflict { NONE, REPLY_487, SWITCHED }

    private final Checklist checklist;
    private final long tieBreaker;
    private final Duration nominationDelay;
    private final Duration failureTimeout;
    private final Deque<Check> triggered = new ArrayDeque<>(); // §6.1.4.1 triggered-check queue, FIFO
    private IceRole role;
    private long startedAt;
    private boolean started;
    private long firstValidAt = -1;
    private boolean localGatheringDone;
    private boolean remoteEndOfCandidates;
    private CandidatePair selected;
    private String failure;
    private boolean lost;            // consent lost, nothing selected since: checks stopped
    private int retries;             // how often checks started again after stopping
    private int prflxCount;

    /**
     * @param tieBreaker      the 64-bit random tie-breaker of §7.1.1 (compared unsigned)
     * @param nominationDelay how long the controlling agent waits after the first valid pair for a
     *                        better one before nominating, unless all better pairs are done first
     * @param failureTimeout  when to give up if nothing was selected
     * @param maxPairs        §6.1.2.5 checklist limit (the RFC's default is 100)
     */
    public IceController(IceRole role, long tieBreaker, Duration nominationDelay, Duration failureTimeout, int maxPairs) {
        this.role = Objects.requireNonNull(role, "role");
        this.tieBreaker = tieBreaker;
        this.nominationDelay = Objects.requireNonNull(nominationDelay, "nominationDelay");
        this.failureTimeout = Objects.requireNonNull(failureTimeout, "failureTimeout");
        this.checklist = new Checklist(maxPairs);
    }

    public void start(long now) {
        if (!started) {
            started = true;
            startedAt = now;
        }
    }

    public void addLocal(Candidate local) {
        checklist.addLocal(local, role);
    }

    /** A signalled remote candidate; returns the candidate kept (an earlier duplicate wins). */
    public Candidate addRemote(Candidate remote) {
        return checklist.addRemote(remote, role);
    }

    /**
     * As above, and if checks had stopped (failed, or consent lost) and the candidate is new and
     * formed pairs, they start again for those pairs, with {@code failureTimeout} counted from
     * {@code now}: trickle after failure (DESIGN.md: try direct again "at once when candidates change").
     */
    public Candidate addRemote(Candidate remote, long now) {
        Candidate kept = checklist.addRemote(remote, role);
        if (kept == remote && stopped() && checklist.pairs().stream()
                .anyMatch(p -> p.remote() == kept && (p.state == PairState.WAITING || p.state == PairState.FROZEN))) {
            restart(now);
        }
        return kept;
    }

    public void localGatheringDone() {
        localGatheringDone = true;
    }

    public void remoteEndOfCandidates() {
        remoteEndOfCandidates = true;
    }

    /**
     * §6.1.4.2, once per Ta: the head of the triggered-check queue; else the highest-priority
     * Waiting pair; else "the agent ... picks the highest-priority pair in the Frozen state whose
     * foundation is not the foundation of any pair in the Waiting or In-Progress state". After
     * selection only pairs ranked above the selected one. Null when there is nothing to send.
     */
    public Check nextCheck(long now) {
        if (stopped()) {
            return null;
        }
        Check t = triggered.pollFirst();
        if (t != null) {
            if (!t.useCandidate()) {
                t.pair().state = PairState.IN_PROGRESS;
            }
            return t;
        }
        CandidatePair frozen = null;
        for (CandidatePair p : checklist.pairs()) {
            if (selected != null && p.priority() <= selected.priority()) {
                break;
            }
            if (p.state == PairState.WAITING) {
                p.state = PairState.IN_PROGRESS;
                return new Check(p, false);
            }
            if (frozen == null && p.state == PairState.FROZEN && !foundationActive(p.foundation())) {
                frozen = p;
            }
        }
        if (frozen != null) {
            frozen.state = PairState.IN_PROGRESS;
            return new Check(frozen, false);
        }
        return null;
    }

    /**
     * §7.2.5.3: a success response from the pair's remote address, integrity checked.
     * {@code mapped} is its XOR-MAPPED-ADDRESS. §7.2.5.3.2: the valid pair has "a local candidate
     * equal to the mapped address"; on one socket the local side only names the way the packets
     * went, so when the mapped address is another host candidate's that pair becomes valid, and
     * otherwise the checked pair does (an unknown mapped address is a local peer-reflexive
     * candidate, §7.2.5.3.1, kept for the record).
     */
    public void checkSucceeded(Check check, InetSocketAddress mapped, Duration rtt, long now) {
        CandidatePair pair = check.pair();
        pair.state = PairState.SUCCEEDED;
        pair.rtt = rtt;
        CandidatePair valid = pair;
        Candidate mappedLocal = mapped == null ? null : checklist.localAt(mapped);
        if (mappedLocal != null && mappedLocal != pair.local() && mappedLocal.type() == CandidateType.HOST) {
            CandidatePair other = checklist.find(mappedLocal, pair.remote());
            if (other != null) {
                valid = other;
                valid.state = PairState.SUCCEEDED;
                valid.rtt = rtt;
            }
        } else if (mapped != null && mappedLocal == null && !mapped.getAddress().isAnyLocalAddress()) {
            checklist.addLocal(new Candidate("p" + (++prflxCount), pair.local().component(), pair.local().transport(),
                    check.priorityAttribute(), mapped, CandidateType.PEER_REFLEXIVE, pair.local().address()), role);
        }
        if (!valid.valid) {
            valid.valid = true;
            valid.validAtNanos = now;
        }
        if (firstValidAt < 0) {
            firstValidAt = now;
        }
        // §7.2.5.3.3: "The agent MUST change the states for all other Frozen candidate pairs in
        // the same checklist with the same foundation to Waiting."
        for (CandidatePair p : checklist.pairs()) {
            if (p.state == PairState.FROZEN && p.foundation().equals(pair.foundation())) {
                p.state = PairState.WAITING;
            }
        }
        if (check.useCandidate()) {
            pair.nominating = false;
            if (role == IceRole.CONTROLLING) {
                select(valid); // §8.1.1: nominated once the check with USE-CANDIDATE succeeds
            }
        } else if (role == IceRole.CONTROLLED && (pair.remoteNominated || valid.remoteNominated)) {
            select(valid); // §7.3.1.5: a nomination that arrived before our own check succeeded
        }
    }

    /** §7.2.5.2 / §7.2.5.4: the transaction timed out or got an unrecoverable error response. */
    public void checkFailed(Check check) {
        CandidatePair pair = check.pair();
        pair.nominating = false;
        pair.state = PairState.FAILED;
        pair.valid = false;
    }

    /**
     * §7.2.5.1: a 487 (Role Conflict) answer to our check: "If the request contained an
     * ICE-CONTROLLED attribute, the agent MUST switch to the controlling role. If the request
     * contained an ICE-CONTROLLING attribute, the agent MUST switch to the controlled role." The
     * pair goes back into the triggered-check queue. {@code roleSent} guards against switching
     * twice on 487s to checks sent before the first switch.
     */
    public void roleConflictResponse(Check check, IceRole roleSent) {
        if (role == roleSent) {
            switchRole(roleSent.opposite());
        }
        check.pair().nominating = false;
        check.pair().state = PairState.WAITING;
        triggered.addLast(new Check(check.pair(), false));
    }

    /**
     * §7.3.1.1, for an incoming check whose sender claims {@code remoteRole}: "If the agent is in
     * the controlling role, and the ICE-CONTROLLING attribute is present in the request: if the
     * agent's tiebreaker value is larger than or equal to the contents of the ICE-CONTROLLING
     * attribute, the agent generates a Binding error response ... 487 (Role Conflict) but retains
     * its role. If the agent's tiebreaker value is less ..., the agent switches to the controlled
     * role." And symmetrically for two controlled agents: the larger tie-breaker becomes controlling.
     */
    public RoleConflict incomingRole(IceRole remoteRole, long remoteTieBreaker) {
        if (remoteRole != role) {
            return RoleConflict.NONE;
        }
        boolean mineLargerOrEqual = Long.compareUnsigned(tieBreaker, remoteTieBreaker) >= 0;
        if (role == IceRole.CONTROLLING) {
            if (mineLargerOrEqual) {
                return RoleConflict.REPLY_487;
            }
            switchRole(IceRole.CONTROLLED);
            return RoleConflict.SWITCHED;
        }
        if (mineLargerOrEqual) {
            switchRole(IceRole.CONTROLLING);
            return RoleConflict.SWITCHED;
        }
        return RoleConflict.REPLY_487;
    }

    /**
     * §7.3.1.3–§7.3.1.5: an authenticated check from {@code from} (after role handling). Learns a
     * peer-reflexive remote candidate if the address is new, queues a triggered check unless the
     * pair already succeeded, and on the controlled side honours USE-CANDIDATE. Returns the pair
     * the check concerns, or null if no local candidate can pair with that address.
     */
    public CandidatePair checkReceived(InetSocketAddress from, TransportKind transport, long priority,
            boolean useCandidate, long now) {
        return checkReceived(from, null, transport, priority, useCandidate, now);
    }

    /**
     * As above for a check that arrived through the TURN allocation whose relayed address is
     * {@code via} (the relay local candidate it was sent to), or directly on the socket when
     * {@code via} is null. Only pairs with that local candidate (relayed) or with a non-relay local
     * candidate (direct) qualify: the answer and the triggered check go back the way it came.
     */
    public CandidatePair checkReceived(InetSocketAddress from, InetSocketAddress via, TransportKind transport,
            long priority, boolean useCandidate, long now) {
        Candidate remote = checklist.remoteAt(from);
        if (remote == null) {
            // §7.3.1.3: "The foundation of the candidate is set to an arbitrary value, different
            // from the foundations of all other remote candidates." Priority from PRIORITY.
            remote = checklist.addRemote(new Candidate("r" + (++prflxCount), Candidate.COMPONENT, transport,
                    Math.max(1, Math.min(priority, Candidate.MAX_PRIORITY)), from, CandidateType.PEER_REFLEXIVE, null), role);
        }
        CandidatePair pair = null;
        for (CandidatePair p : checklist.pairs()) { // highest priority first: the local base it most likely came to
            if (p.remote() == remote && (via == null ? p.local().type() != CandidateType.RELAY
                    : p.local().address().equals(via))) {
                pair = p;
                break;
            }
        }
        if (pair == null) {
            return null;
        }
        if (useCandidate && role == IceRole.CONTROLLED) {
            if (pair.state == PairState.SUCCEEDED && pair.valid) {
                select(pair); // §7.3.1.5: "If the state of this pair is Succeeded, ... the agent sets the nominated flag"
                return pair;
            }
            pair.remoteNominated = true;
        }
        // §7.3.1.4: Succeeded: nothing further; In-Progress: the running check will do;
        // Waiting/Frozen/Failed: "the agent MUST put the pair in the triggered-check queue".
        if (pair.state == PairState.WAITING || pair.state == PairState.FROZEN || pair.state == PairState.FAILED) {
            if (stopped()) {
                restart(now); // the peer tries again: so do we, on this pair, with a fresh failure timeout
            }
            CandidatePair queued = pair;
            if (triggered.stream().noneMatch(c -> c.pair() == queued)) {
                pair.state = PairState.WAITING;
                triggered.addLast(new Check(pair, false));
            }
        }
        return pair;
    }

    /**
     * Called every Ta with the other inputs. Controlling: regular nomination (§8.1.1) of the best
     * valid pair once no better pair is still pending, or {@code nominationDelay} after the first
     * valid pair, whichever comes first; again later if a better pair becomes valid. Both roles:
     * failure (§8.1.2: "all of the pairs ... are in the Failed state" — with trickle only after
     * end-of-candidates from both sides, RFC 8838 §8) or the overall timeout.
     */
    public void tick(long now) {
        if (stopped()) {
            return;
        }
        if (role == IceRole.CONTROLLING) {
            nominate(now);
        }
        if (selected != null) {
            return;
        }
        List<CandidatePair> pairs = checklist.pairs();
        int checked = (int) pairs.stream().filter(p -> p.state != PairState.FROZEN && p.state != PairState.WAITING).count();
        String retry = retries == 0 ? "" : "retry " + retries + ": ";
        if (started && now - startedAt >= failureTimeout.toNanos()) {
            failure = retry + "no candidate pair succeeded within " + failureTimeout.toMillis() + " ms (" + checked + " pairs checked)";
        } else if (localGatheringDone && remoteEndOfCandidates && triggered.isEmpty()
                && pairs.stream().allMatch(p -> p.state == PairState.FAILED)) {
            failure = retry + (pairs.isEmpty()
                    ? "no candidate pairs (" + checklist.locals().size() + " local, " + checklist.remotes().size()
                            + " remote candidates, none compatible)"
                    : "no candidate pair succeeded (" + pairs.size() + " pairs checked)");
        }
    }

    private void nominate(long now) {
        CandidatePair best = null;
        for (CandidatePair p : checklist.pairs()) {
            if (p.nominating) {
                return; // one nomination at a time
            }
            if (best == null && p.valid && p.state == PairState.SUCCEEDED) {
                best = p;
            }
        }
        if (best == null || best == selected || (selected != null && best.priority() <= selected.priority())) {
            return;
        }
        long since = selected == null ? firstValidAt : best.validAtNanos;
        boolean better = false;
        for (CandidatePair p : checklist.pairs()) {
            if (p == best) {
                break;
            }
            better |= !p.state.done();
        }
        if (!better || now - since >= nominationDelay.toNanos()) {
            best.nominating = true;
            triggered.addFirst(new Check(best, true));
        }
    }

    /**
     * RFC 7675: consent to send on the selected pair expired; it is no longer selected and checks
     * stop until {@link #retry} (or the peer's checks) start them again.
     */
    public void consentLost() {
        if (selected != null) {
            selected.state = PairState.FAILED;
            selected.valid = false;
            selected.nominated = false;
            selected = null;
            lost = true;
        }
    }

    /**
     * Tries direct again (DESIGN.md: "every 60 s while relayed") with the same credentials and
     * candidates. After a failure or a consent loss every pair goes back to Waiting, its results
     * forgotten (a Succeeded one is stale by now), and {@code failureTimeout} counts from
     * {@code now}; while a pair is selected, the Failed pairs ranked above it do. In-Progress pairs
     * keep their running check. Returns false, changing nothing, while checks are running (before
     * {@link #start} too) or when no pair can be tried again.
     */
    public boolean retry(long now) {
        if (checking()) {
            return false;
        }
        boolean stopped = stopped();
        int revived = 0;
        for (CandidatePair p : checklist.pairs()) {
            if (selected != null && p.priority() <= selected.priority()) {
                break;
            }
            if (p.state == PairState.FAILED || (stopped && p.state == PairState.SUCCEEDED)) {
                p.state = PairState.WAITING;
                p.valid = false;
                p.nominated = false;
                p.nominating = false;
                p.remoteNominated = false;
                revived++;
            }
        }
        if (stopped) {
            restart(now); // even with no pair: the failure is then declared again, as a retry's
        }
        return stopped || revived > 0;
    }

    /**
     * Work left for the Ta ticks: checks queued, or nothing selected and checks not stopped, or
     * pairs ranked above the selected one not done (or being nominated).
     */
    public boolean checking() {
        if (stopped()) {
            return false;
        }
        if (selected == null || !triggered.isEmpty()) {
            return true;
        }
        for (CandidatePair p : checklist.pairs()) {
            if (p.priority() <= selected.priority()) {
                return false;
            }
            if (!p.state.done() || p.nominating) {
                return true;
            }
        }
        return false;
    }

    /** Failed, or consent lost with nothing selected since: no check is sent, no failure declared. */
    public boolean stopped() {
        return failure != null || lost;
    }

    private void restart(long now) {
        failure = null;
        lost = false;
        started = true;
        startedAt = now;
        firstValidAt = -1;
        retries++;
        triggered.removeIf(Check::useCandidate); // a nomination of a pair whose validity was forgotten
    }

    private void select(CandidatePair pair) {
        pair.nominated = true;
        pair.remoteNominated = false;
        selected = pair;
        lost = false;
    }

    private void switchRole(IceRole newRole) {
        role = newRole;
        checklist.reprioritize(role);
        triggered.removeIf(Check::useCandidate);
        for (CandidatePair p : checklist.pairs()) {
            p.nominating = false;
        }
    }

    private boolean foundationActive(String foundation) {
        return checklist.pairs().stream().anyMatch(p -> p.foundation().equals(foundation)
                && (p.state == PairState.WAITING || p.state == PairState.IN_PROGRESS));
    }

    public IceRole role() {
        return role;
    }

    public long tieBreaker() {
        return tieBreaker;
    }

    /** The selected (nominated) pair, or null. */
    public CandidatePair selected() {
        return selected;
    }

    /** Why ICE failed, in words a user can read, or null while it has not. */
    public String failure() {
        return failure;
    }

    /** The checklist in priority order (read-only view). */
    public List<CandidatePair> pairs() {
        return checklist.pairs();
    }

    public List<Candidate> localCandidates() {
        return checklist.locals();
    }

    public List<Candidate> remoteCandidates() {
        return checklist.remotes();
    }
}
