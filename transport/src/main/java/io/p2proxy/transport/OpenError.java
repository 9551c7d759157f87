package io.p2proxy.transport;

/**
 * Why a stream did not open. Codes with a wire value travel in the acceptor's answer; the rest
 * are decided locally by the opener.
 */
public enum OpenError {
    /** The resource does not exist or the asking peer may not use it: the two must look the same. */
    NOT_FOUND_OR_DENIED(1),
    /** The publishing peer's target actively refused the TCP connection. */
    TARGET_REFUSED(2),
    /** The publishing peer could not reach its target (timeout, no route). */
    TARGET_UNREACHABLE(3),
    /** The OPEN frame was malformed, oversized, of an unknown version, or too slow to arrive. */
    BAD_REQUEST(4),
    /** The acceptor has too many opens in progress on this connection. */
    BUSY(5),
    /** No answer arrived in time (local). */
    TIMEOUT(-1),
    /** The QUIC connection closed or was lost before the answer (local). */
    CONNECTION_LOST(-1),
    /** The remote peer did not prove the expected id, or refused ours (local). */
    AUTHENTICATION_FAILED(-1),
    /** The local TCP side went away before the answer (local). */
    CANCELLED(-1);

    private final int wire;

    OpenError(int wire) {
        this.wire = wire;
    }

    /** The code on the wire, or -1 for errors that never travel. */
    public int wire() {
        return wire;
    }

    /** @return the error for a wire code, or {@code null} when the code is unknown */
    public static OpenError fromWire(int code) {
        for (OpenError e : values()) {
            if (e.wire == code && code > 0) {
                return e;
            }
        }
        return null;
    }
}
