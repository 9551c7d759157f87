package io.p2proxy.stun.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;

/**
 * Answers Binding requests from RFC 3489 clients, which have no magic cookie (RFC 8489 §11, after
 * RFC 5389 §12.2): the 16 bytes after the length are echoed as the transaction id and the answer
 * carries MAPPED-ADDRESS instead of XOR-MAPPED-ADDRESS. Debian's {@code stun} client is one.
 * A CHANGE-REQUEST we cannot honour (we have no second IP) is not answered, which such clients
 * read as "filtered".
 */
public final class ClassicBinding {

    private static final int BINDING_REQUEST = 0x0001;
    private static final int BINDING_RESPONSE = 0x0101;
    private static final int CHANGE_REQUEST = 0x0003;

    private ClassicBinding() {
    }

    /** A well-formed RFC 3489 Binding request: type 0x0001, sane length, no magic cookie. */
    public static boolean isRequest(ByteBuf buf) {
        int size = buf.readableBytes();
        int start = buf.readerIndex();
        if (size < 20 || buf.getUnsignedShort(start) != BINDING_REQUEST
                || buf.getInt(start + 4) == Addresses.MAGIC_COOKIE) {
            return false;
        }
        int length = buf.getUnsignedShort(start + 2);
        return (length & 3) == 0 && 20 + length == size;
    }

    /** The response, or null when the request must go unanswered. The caller owns both buffers. */
    public static ByteBuf respond(ByteBufAllocator alloc, ByteBuf request, InetSocketAddress sender, String software) {
        int start = request.readerIndex();
        int end = start + request.readableBytes();
        for (int i = start + 20; i + 4 <= end; ) {
            int type = request.getUnsignedShort(i);
            int length = request.getUnsignedShort(i + 2);
            if (i + 4 + length > end) {
                return null;
            }
            if (type == CHANGE_REQUEST && length == 4 && (request.getInt(i + 4) & 0x6) != 0) {
                return null;
            }
            i += 4 + ((length + 3) & ~3);
        }
        ByteBuf out = alloc.buffer(64);
        int begin = out.writerIndex();
        out.writeShort(BINDING_RESPONSE).writeShort(0);
        out.writeBytes(request, start + 4, 16);
        out.writeShort(0x0001).writeShort(0);
        int lengthIndex = out.writerIndex() - 2;
        int valueStart = out.writerIndex();
        Addresses.write(out, sender, false, null);
        out.setShort(lengthIndex, out.writerIndex() - valueStart);
        byte[] name = software.getBytes(UTF_8);
        out.writeShort(0x8022).writeShort(name.length).writeBytes(name).writeZero((4 - (name.length & 3)) & 3);
        out.setShort(begin + 2, out.writerIndex() - begin - 20);
        return out;
    }
}
