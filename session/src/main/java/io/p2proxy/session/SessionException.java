package io.p2proxy.session;

/** A stream could not get a session to its peer; {@link #failure()} says why in SPEC.md's terms. */
public final class SessionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kinds of SPEC.md's error table that are decided before any stream exists. */
    public enum Failure {
        /** No peer of that name on the server, or it is offline: "unknown peer, or peer offline". */
        PEER_UNREACHABLE,
        /** The rendezvous server is down and there is no session yet. */
        SERVER_UNREACHABLE,
        /** Signaling worked but no path (ICE, QUIC handshake) came up in time. */
        NO_PATH,
        /** The peer presented an id other than the one pinned for its name. */
        PEER_ID_MISMATCH,
        /** The session closed (shutdown, lost connection) before the stream opened. */
        CLOSED
    }

    private final Failure failure;

    public SessionException(Failure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
