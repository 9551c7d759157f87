package io.p2proxy.ice.internal;

import io.p2proxy.ice.CandidateType;

/**
 * One connectivity check the controller wants sent now (RFC 8445 §7.2.4).
 *
 * @param pair         the pair to check; send to its remote address
 * @param useCandidate the controlling agent nominates this pair (§8.1.1)
 */
public record Check(CandidatePair pair, boolean useCandidate) {

    /**
     * §7.1.1: the PRIORITY attribute "MUST be set equal to the priority that would be assigned,
     * based on the algorithm in Section 5.1.2, to a peer-reflexive candidate" learnt from this
     * check: the peer-reflexive type preference with the local candidate's local preference.
     */
    public long priorityAttribute() {
        return Priorities.candidate(CandidateType.PEER_REFLEXIVE, Priorities.localPreference(pair.local().priority()),
                pair.local().component());
    }
}
