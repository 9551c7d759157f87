package io.p2proxy.session.internal;

import io.netty.channel.socket.DatagramChannel;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a session needs from ICE, and nothing more: credentials and candidates to send, remote
 * ones to add, and the selected path. All calls and callbacks on the UDP channel's event loop.
 */
public interface IcePath {

    /** Creates ICE on {@code udp}; the session is controlling when it dials. */
    interface Factory {
        IcePath create(DatagramChannel udp, boolean controlling, Listener listener);
    }

    /** Events, on the channel's loop. */
    interface Listener {
        /** A local candidate to trickle (its signaling string form). */
        void localCandidate(String candidate);

        /** Gathering finished: send end-of-candidates. */
        void gatheringDone();

        /**
         * A pair was selected, or the selected pair changed: send QUIC to {@code remote}, from
         * {@code via} when it is not null (a TURN relayed address). {@code path} is direct or turn.
         */
        void selected(InetSocketAddress remote, InetSocketAddress via, String path, String why);

        /** No pair works now: relay if possible (and {@link #retry} later), else fail with {@code reason}. */
        void failed(String reason);

        /** The selected pair stopped answering consent checks (RFC 7675): stop sending there. */
        default void consentLost(String reason) {
        }
    }

    /** This side's ufrag and pwd. */
    String ufrag();

    String pwd();

    /** Starts gathering (and checking, once remote credentials are set). */
    void start();

    void remoteCredentials(String ufrag, String pwd);

    /** @throws IllegalArgumentException when the candidate string is malformed */
    void addRemoteCandidates(List<String> candidates, boolean done);

    /** Checks every pair again (after {@link Listener#failed} or {@link Listener#consentLost}). */
    default void retry() {
    }

    /**
     * What the candidates tell about the NATs, for a status reason ("this side's NAT maps per
     * destination"), or "" when they tell nothing.
     */
    default String diagnosis() {
        return "";
    }

    /** Round-trip time on the selected pair in ms, or -1. */
    double rttMillis();

    /** Stops checks, timers and consent; leaves the channel to its owner. */
    void close();
}
