package io.p2proxy.stun.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import io.p2proxy.stun.StunKey;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.TransactionId;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** One outstanding request. Owned by the channel's event loop, like every field here. */
final class Transaction {

    final TransactionId id;
    final InetSocketAddress server;
    /** The encoded request; retained duplicates go out on each send; released when done. */
    final ByteBuf encoded;
    /** Key the response's MESSAGE-INTEGRITY must match, or null. */
    final StunKey key;
    final CompletableFuture<StunMessage> future;
    int sent;
    long startNanos;
    ScheduledFuture<?> timer;
    boolean done;

    Transaction(TransactionId id, InetSocketAddress server, ByteBuf encoded, StunKey key,
            CompletableFuture<StunMessage> future) {
        this.id = id;
        this.server = server;
        this.encoded = encoded;
        this.key = key;
        this.future = future;
    }
}
