package io.p2proxy.stun;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small helpers around messages: demultiplexing and the standard error responses. */
public final class StunMessages {

    /** RFC 8489 §5. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;

    private StunMessages() {
    }

    /**
     * Whether a datagram looks like STUN: first byte 0..3 (RFC 7983 §7) and the magic cookie at
     * bytes 4..7 (RFC 8489 §5). Cheap; does not parse. Indices are untouched. The first-byte
     * range holds every method up to 0x0ff, which covers all STUN, TURN and ICE methods.
     */
    public static boolean isStun(ByteBuf buf) {
        if (buf.readableBytes() < HEADER_LENGTH) {
            return false;
        }
        int start = buf.readerIndex();
        return buf.getUnsignedByte(start) <= 3 && buf.getInt(start + 4) == MAGIC_COOKIE;
    }

    /**
     * The 420 answer to a request with unknown comprehension-required attributes (RFC 8489
     * §6.3.1.1): ERROR-CODE 420 and UNKNOWN-ATTRIBUTES listing them, then {@code more}.
     * Returns null if the request has none.
     */
    public static StunMessage unknownAttributesResponse(StunMessage request, List<StunAttribute> more) {
        List<Integer> unknown = request.unknownComprehensionRequired();
        if (unknown.isEmpty()) {
            return null;
        }
        List<StunAttribute> attributes = new ArrayList<>(more.size() + 1);
        attributes.add(new StunAttribute.UnknownAttributes(unknown));
        attributes.addAll(more);
        return StunMessage.errorResponse(request, StunAttribute.ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute",
                attributes);
    }

    /** The mapped address of a Binding success response: XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS (§14.1). */
    public static Optional<InetSocketAddress> mappedAddress(StunMessage response) {
        return response.attribute(StunAttribute.XorMappedAddress.class)
                .map(StunAttribute.XorMappedAddress::address)
                .or(() -> response.attribute(StunAttribute.MappedAddress.class).map(StunAttribute.MappedAddress::address));
    }
}
