package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.p2proxy.common.ResourceAddress;

/**
 * Takes over a client connection whose resource is known: the protocol handler has left the
 * pipeline, and {@code early} holds what the client sent behind its request (forwarded first, in
 * order). Answers the client through {@code replies}, whatever happens.
 */
@FunctionalInterface
public interface Opener {

    /** @param early owned by the callee; may be empty */
    void open(Channel client, ResourceAddress to, ByteBuf early, Replies replies);
}
