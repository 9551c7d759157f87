package io.p2proxy.stun;

import io.p2proxy.stun.internal.Checks;
import io.p2proxy.stun.internal.KnownTypes;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A STUN attribute (RFC 8489 §14). The records here are the core RFC 8489 set; ICE, TURN and
 * RFC 5780 attributes live in {@link IceAttribute}, {@link TurnAttribute} and
 * {@link NatBehaviorAttribute}. Anything else decodes to {@link Unknown}. Types below 0x8000 are
 * comprehension-required, the rest comprehension-optional (§14).
 */
public sealed interface StunAttribute permits StunAttribute.MappedAddress, StunAttribute.XorMappedAddress,
        StunAttribute.Username, StunAttribute.Realm, StunAttribute.Nonce, StunAttribute.MessageIntegrity,
        StunAttribute.MessageIntegritySha256, StunAttribute.Fingerprint, StunAttribute.ErrorCode,
        StunAttribute.UnknownAttributes, StunAttribute.Software, StunAttribute.AlternateServer,
        StunAttribute.Unknown, IceAttribute, TurnAttribute, NatBehaviorAttribute {

    /** The 16-bit attribute type. */
    int type();

    static boolean comprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** §14.1: the reflexive address, plain (kept for RFC 3489 clients). */
    record MappedAddress(InetSocketAddress address) implements StunAttribute {
        public static final int TYPE = 0x0001;
        public MappedAddress {
            Checks.address(address, "address");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §14.2: the reflexive address, XORed with the magic cookie (and transaction id for IPv6). */
    record XorMappedAddress(InetSocketAddress address) implements StunAttribute {
        public static final int TYPE = 0x0020;
        public XorMappedAddress {
            Checks.address(address, "address");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §14.3: UTF-8, fewer than 509 bytes (not enforced on decode). */
    record Username(String value) implements StunAttribute {
        public static final int TYPE = 0x0006;
        public Username {
            Objects.requireNonNull(value, "value");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §14.9. */
    record Realm(String value) implements StunAttribute {
        public static final int TYPE = 0x0014;
        public Realm {
            Objects.requireNonNull(value, "value");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §14.10. */
    record Nonce(String value) implements StunAttribute {
        public static final int TYPE = 0x0015;
        public Nonce {
            Objects.requireNonNull(value, "value");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §14.14: "STUN test client" style product names. */
    record Software(String value) implements StunAttribute {
        public static final int TYPE = 0x8022;
        public Software {
            Objects.requireNonNull(value, "value");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §14.5: HMAC-SHA1, 20 bytes. Computed by {@link StunCodec} from a {@link StunKey}. */
    record MessageIntegrity(byte[] hmac) implements StunAttribute {
        public static final int TYPE = 0x0008;
        public static final int LENGTH = 20;
        public MessageIntegrity {
            hmac = Checks.bytes(hmac, "hmac", LENGTH, LENGTH);
        }
        @Override public byte[] hmac() {
            return hmac.clone();
        }
        @Override public int type() {
            return TYPE;
        }
        @Override public boolean equals(Object o) {
            return o instanceof MessageIntegrity m && Arrays.equals(hmac, m.hmac);
        }
        @Override public int hashCode() {
            return Arrays.hashCode(hmac);
        }
        @Override public String toString() {
            return "MessageIntegrity[" + HexFormat.of().formatHex(hmac) + "]";
        }
    }

    /** §14.6: HMAC-SHA256, truncated to 16..32 bytes in steps of 4. */
    record MessageIntegritySha256(byte[] hmac) implements StunAttribute {
        public static final int TYPE = 0x001C;
        public MessageIntegritySha256 {
            hmac = Checks.bytes(hmac, "hmac", 16, 32);
            if (hmac.length % 4 != 0) {
                throw new IllegalArgumentException("hmac: " + hmac.length + " bytes (expected: a multiple of 4)");
            }
        }
        @Override public byte[] hmac() {
            return hmac.clone();
        }
        @Override public int type() {
            return TYPE;
        }
        @Override public boolean equals(Object o) {
            return o instanceof MessageIntegritySha256 m && Arrays.equals(hmac, m.hmac);
        }
        @Override public int hashCode() {
            return Arrays.hashCode(hmac);
        }
        @Override public String toString() {
            return "MessageIntegritySha256[" + HexFormat.of().formatHex(hmac) + "]";
        }
    }

    /** §14.7: CRC-32 of the message XOR 0x5354554e, as sent on the wire. */
    record Fingerprint(int value) implements StunAttribute {
        public static final int TYPE = 0x8028;
        @Override public int type() {
            return TYPE;
        }
    }

    /** §14.8: a code 300..699 and a reason phrase. */
    record ErrorCode(int code, String reason) implements StunAttribute {
        public static final int TYPE = 0x0009;
        public static final int TRY_ALTERNATE = 300;
        public static final int BAD_REQUEST = 400;
        public static final int UNAUTHENTICATED = 401;
        public static final int UNKNOWN_ATTRIBUTE = 420;
        public static final int STALE_NONCE = 438;
        public static final int SERVER_ERROR = 500;
        public ErrorCode {
            Objects.requireNonNull(reason, "reason");
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("code: " + code + " (expected: 300..699)");
            }
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §14.13: the comprehension-required types a server did not understand. */
    record UnknownAttributes(List<Integer> types) implements StunAttribute {
        public static final int TYPE = 0x000A;
        public UnknownAttributes {
            types = List.copyOf(types);
            types.forEach(t -> Checks.unsigned16(t, "types"));
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §14.15: where a 300 (Try Alternate) sends the client. */
    record AlternateServer(InetSocketAddress address) implements StunAttribute {
        public static final int TYPE = 0x8023;
        public AlternateServer {
            Checks.address(address, "address");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** Any attribute type this codec does not model, kept as raw bytes. */
    record Unknown(int type, byte[] value) implements StunAttribute {
        public Unknown {
            Checks.unsigned16(type, "type");
            if (KnownTypes.isKnown(type)) {
                throw new IllegalArgumentException(String.format("type: 0x%04x (expected: a type without its own record)", type));
            }
            value = Checks.bytes(value, "value", 0, 0xffff);
        }
        @Override public byte[] value() {
            return value.clone();
        }
        @Override public boolean equals(Object o) {
            return o instanceof Unknown u && type == u.type && Arrays.equals(value, u.value);
        }
        @Override public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }
        @Override public String toString() {
            return String.format("Unknown[0x%04x, %s]", type, HexFormat.of().formatHex(value));
        }
    }
}
