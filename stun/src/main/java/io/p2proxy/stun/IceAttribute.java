package io.p2proxy.stun;

import io.p2proxy.stun.internal.Checks;

/** The STUN attributes ICE adds (RFC 8445 §16.1). */
public sealed interface IceAttribute extends StunAttribute permits IceAttribute.Priority,
        IceAttribute.UseCandidate, IceAttribute.IceControlled, IceAttribute.IceControlling {

    /** The priority a peer-reflexive candidate would get (32-bit unsigned). */
    record Priority(long value) implements IceAttribute {
        public static final int TYPE = 0x0024;
        public Priority {
            Checks.unsigned32(value, "value");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** The controlling agent nominates this pair. No value. */
    record UseCandidate() implements IceAttribute {
        public static final int TYPE = 0x0025;
        @Override public int type() {
            return TYPE;
        }
    }

    /** The sender thinks it is controlled; the value is its 64-bit tie-breaker. */
    record IceControlled(long tieBreaker) implements IceAttribute {
        public static final int TYPE = 0x8029;
        @Override public int type() {
            return TYPE;
        }
    }

    /** The sender thinks it is controlling; the value is its 64-bit tie-breaker. */
    record IceControlling(long tieBreaker) implements IceAttribute {
        public static final int TYPE = 0x802A;
        @Override public int type() {
            return TYPE;
        }
    }
}
