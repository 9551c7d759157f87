package io.p2proxy.stun.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.p2proxy.stun.IceAttribute;
import io.p2proxy.stun.NatBehaviorAttribute;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.TransactionId;
import io.p2proxy.stun.TurnAttribute;

/** Writes one attribute: type, length, value, zero padding to 4 bytes (RFC 8489 §14). */
final class AttributeWriter {

    private AttributeWriter() {
    }

    static void write(ByteBuf out, StunAttribute attribute, TransactionId id) {
        out.writeShort(attribute.type());
        int lengthIndex = out.writerIndex();
        out.writeShort(0);
        int valueStart = out.writerIndex();
        value(out, attribute, id);
        int length = out.writerIndex() - valueStart;
        if (length > 0xffff) {
            throw new IllegalArgumentException(attribute.getClass().getSimpleName() + ": " + length
                    + " bytes (expected: <= 65535)");
        }
        out.setShort(lengthIndex, length);
        out.writeZero((4 - (length & 3)) & 3);
    }

    private static void value(ByteBuf out, StunAttribute a, TransactionId id) {
        if (a instanceof StunAttribute.MappedAddress m) {
            Addresses.write(out, m.address(), false, id);
        } else if (a instanceof StunAttribute.XorMappedAddress m) {
            Addresses.write(out, m.address(), true, id);
        } else if (a instanceof StunAttribute.Username u) {
            out.writeCharSequence(u.value(), UTF_8);
        } else if (a instanceof StunAttribute.Realm r) {
            out.writeCharSequence(r.value(), UTF_8);
        } else if (a instanceof StunAttribute.Nonce n) {
            out.writeCharSequence(n.value(), UTF_8);
        } else if (a instanceof StunAttribute.Software s) {
            out.writeCharSequence(s.value(), UTF_8);
        } else if (a instanceof StunAttribute.MessageIntegrity m) {
            out.writeBytes(m.hmac());
        } else if (a instanceof StunAttribute.MessageIntegritySha256 m) {
            out.writeBytes(m.hmac());
        } else if (a instanceof StunAttribute.Fingerprint f) {
            out.writeInt(f.value());
        } else if (a instanceof StunAttribute.ErrorCode e) {
            out.writeShort(0);
            out.writeByte(e.code() / 100);
            out.writeByte(e.code() % 100);
            out.writeCharSequence(e.reason(), UTF_8);
        } else if (a instanceof StunAttribute.UnknownAttributes u) {
            u.types().forEach(out::writeShort);
        } else if (a instanceof StunAttribute.AlternateServer s) {
            Addresses.write(out, s.address(), false, id);
        } else if (a instanceof StunAttribute.Unknown u) {
            out.writeBytes(u.value());
        } else if (a instanceof IceAttribute ice) {
            ice(out, ice);
        } else if (a instanceof TurnAttribute turn) {
            turn(out, turn, id);
        } else if (a instanceof NatBehaviorAttribute nat) {
            nat(out, nat);
        } else {
            throw new AssertionError("sealed hierarchy: " + a);
        }
    }

    private static void ice(ByteBuf out, IceAttribute a) {
        if (a instanceof IceAttribute.Priority p) {
            out.writeInt((int) p.value());
        } else if (a instanceof IceAttribute.IceControlled c) {
            out.writeLong(c.tieBreaker());
        } else if (a instanceof IceAttribute.IceControlling c) {
            out.writeLong(c.tieBreaker());
        } else if (!(a instanceof IceAttribute.UseCandidate)) {
            throw new AssertionError("sealed hierarchy: " + a);
        }
    }

    private static void turn(ByteBuf out, TurnAttribute a, TransactionId id) {
        if (a instanceof TurnAttribute.ChannelNumber c) {
            out.writeShort(c.number()).writeShort(0);
        } else if (a instanceof TurnAttribute.Lifetime l) {
            out.writeInt((int) l.duration().getSeconds());
        } else if (a instanceof TurnAttribute.XorPeerAddress p) {
            Addresses.write(out, p.address(), true, id);
        } else if (a instanceof TurnAttribute.Data d) {
            out.writeBytes(d.bytes());
        } else if (a instanceof TurnAttribute.XorRelayedAddress r) {
            Addresses.write(out, r.address(), true, id);
        } else if (a instanceof TurnAttribute.RequestedAddressFamily f) {
            out.writeByte(f.family()).writeZero(3);
        } else if (a instanceof TurnAttribute.EvenPort e) {
            out.writeByte(e.reserveNext() ? 0x80 : 0);
        } else if (a instanceof TurnAttribute.RequestedTransport t) {
            out.writeByte(t.protocol()).writeZero(3);
        } else if (a instanceof TurnAttribute.ReservationToken t) {
            out.writeLong(t.token());
        } else if (!(a instanceof TurnAttribute.DontFragment)) {
            throw new AssertionError("sealed hierarchy: " + a);
        }
    }

    private static void nat(ByteBuf out, NatBehaviorAttribute a) {
        if (a instanceof NatBehaviorAttribute.ChangeRequest c) {
            out.writeInt((c.changeIp() ? 0x4 : 0) | (c.changePort() ? 0x2 : 0));
        } else if (a instanceof NatBehaviorAttribute.ResponseOrigin o) {
            Addresses.write(out, o.address(), false, null);
        } else if (a instanceof NatBehaviorAttribute.OtherAddress o) {
            Addresses.write(out, o.address(), false, null);
        } else {
            throw new AssertionError("sealed hierarchy: " + a);
        }
    }
}
