package io.p2proxy.ice;

import java.time.Duration;

/**
 * What an {@link IceAgent} tells its owner, always on the channel's event loop, in order.
 * The session layer forwards {@link LocalCandidate} and {@link GatheringDone} over signaling
 * (trickle, RFC 8838) and points the path at {@link Selected} / {@link SelectedChanged}.
 */
public sealed interface IceEvent {

    /** A new local candidate to trickle to the peer ({@link Candidate#format()}). */
    record LocalCandidate(Candidate candidate) implements IceEvent {
    }

    /** Gathering finished: send end-of-candidates (RFC 8838 §8.2). */
    record GatheringDone(int candidates) implements IceEvent {
    }

    /** A conflict was resolved (RFC 8445 §7.3.1.1) and this agent now has {@code role}. */
    record RoleChanged(IceRole role) implements IceEvent {
    }

    /** A pair selected while none was (the first, or the first since Failed or ConsentLost): send QUIC there. */
    record Selected(SelectedPair pair) implements IceEvent {
    }

    /** A better pair was nominated after the first; move the path to it. */
    record SelectedChanged(SelectedPair pair, SelectedPair previous) implements IceEvent {
    }

    /**
     * ICE gave up (checks stop until {@link IceAgent#retry()}, the peer's checks or a new remote
     * candidate start them again); {@code reason} reads well in a log or a status page.
     */
    record Failed(String reason) implements IceEvent {
    }

    /** RFC 7675: the selected pair got no consent response for {@code silence}; stop sending there (checks stop too). */
    record ConsentLost(SelectedPair pair, Duration silence) implements IceEvent {
    }
}
