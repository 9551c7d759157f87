package io.p2proxy.stun;

/** The two class bits of a STUN message type (RFC 8489 §5, C1 and C0). */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** C1C0 as a two-bit number. */
    public int bits() {
        return bits;
    }

    public boolean isResponse() {
        return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
    }

    public static StunClass ofBits(int bits) {
        return values()[bits & 0b11];
    }
}
