package io.p2proxy.signal;

import java.util.Objects;

/** A text frame that is not a valid signaling message; {@link #code()} is what to answer. */
public final class SignalDecodeException extends Exception {

    private final ErrorCode code;

    public SignalDecodeException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** {@link ErrorCode#MALFORMED} or {@link ErrorCode#UNKNOWN_TYPE}. */
    public ErrorCode code() {
        return code;
    }
}
