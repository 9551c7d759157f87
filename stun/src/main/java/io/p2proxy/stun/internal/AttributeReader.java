package io.p2proxy.stun.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.p2proxy.stun.IceAttribute;
import io.p2proxy.stun.NatBehaviorAttribute;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.TransactionId;
import io.p2proxy.stun.TurnAttribute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one attribute value into its record. The caller has checked that {@code length} bytes at
 * {@code index} are inside the message, so every read here is in bounds; a value that does not
 * fit its type becomes a MALFORMED {@link StunException}, never anything else.
 */
final class AttributeReader {

    private AttributeReader() {
    }

    static StunAttribute read(int type, ByteBuf buf, int index, int length, TransactionId id) throws StunException {
        try {
            return switch (type) {
                case StunAttribute.MappedAddress.TYPE ->
                    new StunAttribute.MappedAddress(Addresses.read(buf, index, length, false, id));
                case StunAttribute.XorMappedAddress.TYPE ->
                    new StunAttribute.XorMappedAddress(Addresses.read(buf, index, length, true, id));
                case StunAttribute.Username.TYPE -> new StunAttribute.Username(text(buf, index, length));
                case StunAttribute.Realm.TYPE -> new StunAttribute.Realm(text(buf, index, length));
                case StunAttribute.Nonce.TYPE -> new StunAttribute.Nonce(text(buf, index, length));
                case StunAttribute.Software.TYPE -> new StunAttribute.Software(text(buf, index, length));
                case StunAttribute.MessageIntegrity.TYPE ->
                    new StunAttribute.MessageIntegrity(bytes(buf, index, length));
                case StunAttribute.MessageIntegritySha256.TYPE ->
                    new StunAttribute.MessageIntegritySha256(bytes(buf, index, length));
                case StunAttribute.Fingerprint.TYPE -> new StunAttribute.Fingerprint(buf.getInt(fixed(index, length, 4)));
                case StunAttribute.ErrorCode.TYPE -> errorCode(buf, index, length);
                case StunAttribute.UnknownAttributes.TYPE -> unknownAttributes(buf, index, length);
                case StunAttribute.AlternateServer.TYPE ->
                    new StunAttribute.AlternateServer(Addresses.read(buf, index, length, false, id));
                case IceAttribute.Priority.TYPE -> new IceAttribute.Priority(buf.getUnsignedInt(fixed(index, length, 4)));
                case IceAttribute.UseCandidate.TYPE -> empty(length, new IceAttribute.UseCandidate());
                case IceAttribute.IceControlled.TYPE -> new IceAttribute.IceControlled(buf.getLong(fixed(index, length, 8)));
                case IceAttribute.IceControlling.TYPE ->
                    new IceAttribute.IceControlling(buf.getLong(fixed(index, length, 8)));
                case TurnAttribute.ChannelNumber.TYPE ->
                    new TurnAttribute.ChannelNumber(buf.getUnsignedShort(fixed(index, length, 4)));
                case TurnAttribute.Lifetime.TYPE ->
                    new TurnAttribute.Lifetime(Duration.ofSeconds(buf.getUnsignedInt(fixed(index, length, 4))));
                case TurnAttribute.XorPeerAddress.TYPE ->
                    new TurnAttribute.XorPeerAddress(Addresses.read(buf, index, length, true, id));
                case TurnAttribute.Data.TYPE -> new TurnAttribute.Data(bytes(buf, index, length));
                case TurnAttribute.XorRelayedAddress.TYPE ->
                    new TurnAttribute.XorRelayedAddress(Addresses.read(buf, index, length, true, id));
                case TurnAttribute.RequestedAddressFamily.TYPE ->
                    new TurnAttribute.RequestedAddressFamily(buf.getUnsignedByte(fixed(index, length, 4)));
                case TurnAttribute.EvenPort.TYPE ->
                    new TurnAttribute.EvenPort((buf.getUnsignedByte(fixed(index, length, 1)) & 0x80) != 0);
                case TurnAttribute.RequestedTransport.TYPE ->
                    new TurnAttribute.RequestedTransport(buf.getUnsignedByte(fixed(index, length, 4)));
                case TurnAttribute.DontFragment.TYPE -> empty(length, new TurnAttribute.DontFragment());
                case TurnAttribute.ReservationToken.TYPE ->
                    new TurnAttribute.ReservationToken(buf.getLong(fixed(index, length, 8)));
                case NatBehaviorAttribute.ChangeRequest.TYPE -> changeRequest(buf.getInt(fixed(index, length, 4)));
                case NatBehaviorAttribute.ResponseOrigin.TYPE ->
                    new NatBehaviorAttribute.ResponseOrigin(Addresses.read(buf, index, length, false, id));
                case NatBehaviorAttribute.OtherAddress.TYPE ->
                    new NatBehaviorAttribute.OtherAddress(Addresses.read(buf, index, length, false, id));
                default -> new StunAttribute.Unknown(type, bytes(buf, index, length));
            };
        } catch (IllegalArgumentException e) {
            // A record refused the value (e.g. ERROR-CODE class 1, a 17-byte MI-SHA256).
            throw new StunException(StunException.Reason.MALFORMED,
                    String.format("attribute 0x%04x: %s", type, e.getMessage()), e);
        }
    }

    private static int fixed(int index, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException("length " + length + " (expected: " + expected + ")");
        }
        return index;
    }

    private static <T extends StunAttribute> T empty(int length, T attribute) {
        fixed(0, length, 0);
        return attribute;
    }

    private static String text(ByteBuf buf, int index, int length) {
        return buf.toString(index, length, UTF_8);
    }

    private static byte[] bytes(ByteBuf buf, int index, int length) {
        byte[] bytes = new byte[length];
        buf.getBytes(index, bytes);
        return bytes;
    }

    /** §14.8: 21 reserved bits, class (3 bits, 3..6), number (0..99), reason phrase. */
    private static StunAttribute errorCode(ByteBuf buf, int index, int length) {
        if (length < 4) {
            throw new IllegalArgumentException("length " + length + " (expected: >= 4)");
        }
        int errorClass = buf.getUnsignedByte(index + 2) & 0x07;
        int number = buf.getUnsignedByte(index + 3);
        if (number > 99) {
            throw new IllegalArgumentException("error number " + number + " (expected: 0..99)");
        }
        return new StunAttribute.ErrorCode(errorClass * 100 + number, text(buf, index + 4, length - 4));
    }

    /** §14.13: a list of 16-bit types. */
    private static StunAttribute unknownAttributes(ByteBuf buf, int index, int length) {
        if (length % 2 != 0) {
            throw new IllegalArgumentException("length " + length + " (expected: even)");
        }
        List<Integer> types = new ArrayList<>(length / 2);
        for (int i = 0; i < length; i += 2) {
            types.add(buf.getUnsignedShort(index + i));
        }
        return new StunAttribute.UnknownAttributes(types);
    }

    /** RFC 5780 §7.2: bit 0x4 is "change IP", 0x2 "change port". */
    private static StunAttribute changeRequest(int flags) {
        return new NatBehaviorAttribute.ChangeRequest((flags & 0x4) != 0, (flags & 0x2) != 0);
    }
}
