package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** What one protocol tells its client once the stream opened, or why it did not. */
public interface Replies {

    /** @return the success reply, or null when the client expects none (the target speaks next) */
    ByteBuf opened(ByteBufAllocator alloc);

    ByteBuf refused(Refusal refusal, String reason, ByteBufAllocator alloc);
}
