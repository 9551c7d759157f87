package io.p2proxy.ice.internal;

/** RFC 8445 §6.1.2.6: the states of a candidate pair in the checklist. */
public enum PairState {
    /** "A check for this pair has not been sent, and it cannot be sent until the pair is unfrozen." */
    FROZEN,
    /** "A check has not been sent for this pair, but the pair is not Frozen." */
    WAITING,
    /** "A check has been sent for this pair, but the transaction is in progress." */
    IN_PROGRESS,
    /** "A check has been sent for this pair, and it produced a successful result." */
    SUCCEEDED,
    /** "A check has been sent for this pair, and it failed (a response ... was not received, or a failure response)." */
    FAILED;

    public boolean done() {
        return this == SUCCEEDED || this == FAILED;
    }
}
