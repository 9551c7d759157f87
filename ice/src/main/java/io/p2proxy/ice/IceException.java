package io.p2proxy.ice;

import java.util.Objects;

/** Errors of the ICE layer; callers branch on {@link #reason()}, never on the text. */
public class IceException extends Exception {

    public enum Reason {
        /** A candidate or credential string that does not follow RFC 8839. */
        MALFORMED,
        /** No candidate pair succeeded before end-of-candidates from both sides, or the overall timeout. */
        FAILED,
        /** The agent or its channel closed. */
        CLOSED,
    }

    private final Reason reason;

    public IceException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
