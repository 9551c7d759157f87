package io.p2proxy.stun.internal;

import io.p2proxy.stun.StunException;

/** Shorthand for the decoder's one failure. */
final class Malformed {

    private Malformed() {
    }

    static StunException of(String message) {
        return new StunException(StunException.Reason.MALFORMED, message);
    }
}
