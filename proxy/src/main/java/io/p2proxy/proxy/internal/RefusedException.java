package io.p2proxy.proxy.internal;

import java.util.Objects;

/** A request the listener answers itself, with {@link #refusal()}'s reply, before any stream exists. */
public final class RefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Refusal refusal;

    public RefusedException(Refusal refusal, String reason) {
        super(reason, null, false, false);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public Refusal refusal() {
        return refusal;
    }
}
