package io.p2proxy.stun;

import io.p2proxy.stun.internal.Checks;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/** The STUN attributes TURN adds (RFC 8656 §18). */
public sealed interface TurnAttribute extends StunAttribute permits TurnAttribute.ChannelNumber,
        TurnAttribute.Lifetime, TurnAttribute.XorPeerAddress, TurnAttribute.Data, TurnAttribute.XorRelayedAddress,
        TurnAttribute.RequestedAddressFamily, TurnAttribute.EvenPort, TurnAttribute.RequestedTransport,
        TurnAttribute.DontFragment, TurnAttribute.ReservationToken {

    /** §18.1: a channel number, 0x4000..0x4FFF when valid (not enforced, so that errors can be tested). */
    record ChannelNumber(int number) implements TurnAttribute {
        public static final int TYPE = 0x000C;
        public ChannelNumber {
            Checks.unsigned16(number, "number");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §18.2: seconds until the allocation expires, whole seconds, 32 bits. */
    record Lifetime(Duration duration) implements TurnAttribute {
        public static final int TYPE = 0x000D;
        public Lifetime {
            Objects.requireNonNull(duration, "duration");
            if (duration.getNano() != 0) {
                throw new IllegalArgumentException("duration: " + duration + " (expected: whole seconds)");
            }
            Checks.unsigned32(duration.getSeconds(), "duration");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §18.3: the peer's address as the server sees it. */
    record XorPeerAddress(InetSocketAddress address) implements TurnAttribute {
        public static final int TYPE = 0x0012;
        public XorPeerAddress {
            Checks.address(address, "address");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §18.4: application data of a Send or Data indication. */
    record Data(byte[] bytes) implements TurnAttribute {
        public static final int TYPE = 0x0013;
        public Data {
            bytes = Checks.bytes(bytes, "bytes", 0, 0xffff);
        }
        @Override public byte[] bytes() {
            return bytes.clone();
        }
        @Override public int type() {
            return TYPE;
        }
        @Override public boolean equals(Object o) {
            return o instanceof Data d && Arrays.equals(bytes, d.bytes);
        }
        @Override public int hashCode() {
            return Arrays.hashCode(bytes);
        }
        @Override public String toString() {
            return "Data[" + bytes.length + " bytes]";
        }
    }

    /** §18.5: the relayed transport address of an allocation. */
    record XorRelayedAddress(InetSocketAddress address) implements TurnAttribute {
        public static final int TYPE = 0x0016;
        public XorRelayedAddress {
            Checks.address(address, "address");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §18.6: 0x01 IPv4, 0x02 IPv6. */
    record RequestedAddressFamily(int family) implements TurnAttribute {
        public static final int TYPE = 0x0017;
        public static final int IPV4 = 0x01;
        public static final int IPV6 = 0x02;
        public RequestedAddressFamily {
            Checks.unsigned8(family, "family");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §18.7: ask for an even port, and whether to reserve the next one. */
    record EvenPort(boolean reserveNext) implements TurnAttribute {
        public static final int TYPE = 0x0018;
        @Override public int type() {
            return TYPE;
        }
    }

    /** §18.8: the transport protocol of the relay (17 = UDP, 6 = TCP). */
    record RequestedTransport(int protocol) implements TurnAttribute {
        public static final int TYPE = 0x0019;
        public static final int UDP = 17;
        public static final int TCP = 6;
        public RequestedTransport {
            Checks.unsigned8(protocol, "protocol");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §18.9: set DF on relayed IPv4 packets. No value. */
    record DontFragment() implements TurnAttribute {
        public static final int TYPE = 0x001A;
        @Override public int type() {
            return TYPE;
        }
    }

    /** §18.10: the token of a reserved relayed address. */
    record ReservationToken(long token) implements TurnAttribute {
        public static final int TYPE = 0x0022;
        @Override public int type() {
            return TYPE;
        }
    }
}
