package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** RFC 1928 section 6 replies (and RFC 1929's status); the bound address is always 0.0.0.0:0 (clients ignore it for CONNECT). */
public final class SocksReplies implements Replies {

    public static final SocksReplies INSTANCE = new SocksReplies();
    public static final int SUCCEEDED = 0x00;
    public static final int COMMAND_NOT_SUPPORTED = 0x07;
    public static final int ADDRESS_TYPE_NOT_SUPPORTED = 0x08;

    private SocksReplies() {
    }

    @Override
    public ByteBuf opened(ByteBufAllocator alloc) {
        return reply(alloc, SUCCEEDED);
    }

    @Override
    public ByteBuf refused(Refusal refusal, String reason, ByteBufAllocator alloc) {
        return reply(alloc, refusal.socks());
    }

    public static ByteBuf reply(ByteBufAllocator alloc, int code) {
        return alloc.buffer(10).writeByte(SocksMessage.VERSION).writeByte(code).writeByte(0)
                .writeByte(SocksMessage.ATYP_IPV4).writeInt(0).writeShort(0);
    }

    /** RFC 1929 section 2: {@link SocksMessage#AUTH_SUCCESS} or {@link SocksMessage#AUTH_FAILURE}. */
    public static ByteBuf authStatus(ByteBufAllocator alloc, int status) {
        return alloc.buffer(2).writeByte(SocksMessage.AUTH_VERSION).writeByte(status);
    }

    /** Section 3: the method the server chose. */
    public static ByteBuf method(ByteBufAllocator alloc, int method) {
        return alloc.buffer(2).writeByte(SocksMessage.VERSION).writeByte(method);
    }
}
