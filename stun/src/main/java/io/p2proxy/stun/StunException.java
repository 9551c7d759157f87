package io.p2proxy.stun;

import java.util.Objects;

/** Everything that goes wrong in the STUN layer: bad bytes, failed checks, failed transactions. */
public class StunException extends Exception {

    /** What failed; tests and callers branch on this, never on the message text. */
    public enum Reason {
        /** Not a well-formed STUN message (§5, §14). */
        MALFORMED,
        /** FINGERPRINT present but wrong (§14.7). */
        BAD_FINGERPRINT,
        /** FINGERPRINT required but absent. */
        MISSING_FINGERPRINT,
        /** MESSAGE-INTEGRITY does not match the key (§14.5). */
        BAD_INTEGRITY,
        /** MESSAGE-INTEGRITY-SHA256 does not match the key (§14.6). */
        BAD_INTEGRITY_SHA256,
        /** The integrity attribute required is absent. */
        MISSING_INTEGRITY,
        /** A response carried comprehension-required attributes we do not know (§6.3.4). */
        UNKNOWN_ATTRIBUTES,
        /** The server answered with an error response where success was needed. */
        ERROR_RESPONSE,
        /** No response after the last retransmission (§6.2.1). */
        TIMEOUT,
        /** The channel closed, or the client was detached, before a response came. */
        CLOSED,
    }

    private final Reason reason;

    public StunException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public StunException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
