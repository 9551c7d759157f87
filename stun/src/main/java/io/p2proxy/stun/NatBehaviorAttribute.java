package io.p2proxy.stun;

import io.p2proxy.stun.internal.Checks;
import java.net.InetSocketAddress;

/** The NAT behaviour discovery attributes of RFC 5780 §7. */
public sealed interface NatBehaviorAttribute extends StunAttribute permits NatBehaviorAttribute.ChangeRequest,
        NatBehaviorAttribute.ResponseOrigin, NatBehaviorAttribute.OtherAddress {

    /** §7.2: ask the server to answer from its other IP and/or port. */
    record ChangeRequest(boolean changeIp, boolean changePort) implements NatBehaviorAttribute {
        public static final int TYPE = 0x0003;
        @Override public int type() {
            return TYPE;
        }
    }

    /** §7.3: the address the response was sent from. */
    record ResponseOrigin(InetSocketAddress address) implements NatBehaviorAttribute {
        public static final int TYPE = 0x802B;
        public ResponseOrigin {
            Checks.address(address, "address");
        }
        @Override public int type() {
            return TYPE;
        }
    }

    /** §7.4: the server's alternate address (RFC 3489's CHANGED-ADDRESS, renamed). */
    record OtherAddress(InetSocketAddress address) implements NatBehaviorAttribute {
        public static final int TYPE = 0x802C;
        public OtherAddress {
            Checks.address(address, "address");
        }
        @Override public int type() {
            return TYPE;
        }
    }
}
