package io.p2proxy.stun.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunClass;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunException.Reason;
import io.p2proxy.stun.StunKey;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMessages;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.stun.StunRetransmission;
import io.p2proxy.stun.StunTimeoutException;
import io.p2proxy.stun.TransactionId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client transactions on a datagram channel (RFC 8489 §6.2.1, §6.3). Sends and resends requests,
 * takes the STUN responses whose transaction id is pending AND whose source is the server that
 * request went to, drops every other STUN response, and passes everything else on (requests and
 * indications for whoever serves them, non-STUN traffic). All state is confined to the channel's
 * event loop: no locks.
 */
public final class StunClientHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(StunClientHandler.class);

    private final StunRetransmission policy;
    private final Map<TransactionId, Transaction> pending = new HashMap<>();
    private ChannelHandlerContext ctx;

    public StunClientHandler(StunRetransmission policy) {
        this.policy = policy;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Starts a transaction; must run on the channel's event loop. Takes ownership of {@code encoded}. */
    public void start(TransactionId id, InetSocketAddress server, ByteBuf encoded, StunKey key,
            CompletableFuture<StunMessage> future) {
        assert ctx == null || ctx.executor().inEventLoop();
        if (ctx == null || ctx.isRemoved() || !ctx.channel().isActive()) {
            encoded.release();
            future.completeExceptionally(new StunException(Reason.CLOSED, "channel closed or client detached"));
            return;
        }
        Transaction tx = new Transaction(id, server, encoded, key, future);
        if (pending.putIfAbsent(id, tx) != null) {
            encoded.release();
            future.completeExceptionally(new IllegalStateException("transaction " + id + " already pending"));
            return;
        }
        tx.startNanos = ctx.executor().ticker().nanoTime();
        // A caller that cancels (or completes) the future ends the transaction on the loop.
        future.whenComplete((r, e) -> {
            if (ctx.executor().inEventLoop()) {
                finish(tx);
            } else {
                ctx.executor().execute(() -> finish(tx));
            }
        });
        transmit(tx);
    }

    private void transmit(Transaction tx) {
        if (tx.done) {
            return;
        }
        tx.sent++;
        ctx.writeAndFlush(new DatagramPacket(tx.encoded.retainedDuplicate(), tx.server)).addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("STUN request {} to {} not sent: {}", tx.id, tx.server, f.cause().toString());
            }
        });
        long delay = policy.delayAfter(tx.sent).toNanos();
        Runnable next = tx.sent < policy.attempts() ? () -> transmit(tx) : () -> timeout(tx);
        tx.timer = ctx.executor().schedule(next, delay, TimeUnit.NANOSECONDS);
    }

    private void timeout(Transaction tx) {
        if (tx.done) {
            return;
        }
        Duration elapsed = Duration.ofNanos(ctx.executor().ticker().nanoTime() - tx.startNanos);
        finish(tx);
        tx.future.completeExceptionally(new StunTimeoutException(tx.server, tx.id, tx.sent, elapsed));
    }

    private void finish(Transaction tx) {
        if (tx.done) {
            return;
        }
        tx.done = true;
        pending.remove(tx.id, tx);
        if (tx.timer != null) {
            tx.timer.cancel(false);
        }
        tx.encoded.release();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet && isResponse(packet.content())) {
            try {
                onResponse(packet);
            } finally {
                packet.release();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isResponse(ByteBuf buf) {
        return StunMessages.isStun(buf) && (buf.getUnsignedShort(buf.readerIndex()) & 0x0100) != 0;
    }

    private void onResponse(DatagramPacket packet) {
        ByteBuf content = packet.content();
        TransactionId id = TransactionId.read(content, content.readerIndex() + 8);
        Transaction tx = pending.get(id);
        if (tx == null || !tx.server.equals(packet.sender())) {
            log.debug("dropping STUN response {} from {}: no such transaction to that address", id, packet.sender());
            return;
        }
        StunMessage response;
        try {
            response = decode(content, tx.key);
        } catch (StunException e) {
            // §6.3, §9.1.4: a response that fails its checks is discarded; keep waiting.
            log.debug("dropping STUN response {} from {}: {}", id, packet.sender(), e.getMessage());
            return;
        }
        finish(tx);
        if (!response.unknownComprehensionRequired().isEmpty()) {
            tx.future.completeExceptionally(new StunException(Reason.UNKNOWN_ATTRIBUTES,
                    "response " + id + " from " + tx.server + " has unknown attributes "
                            + response.unknownComprehensionRequired()));
        } else {
            tx.future.complete(response);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failAll("channel closed");
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        failAll("client detached");
    }

    private void failAll(String why) {
        for (Transaction tx : new ArrayList<>(pending.values())) {
            finish(tx);
            tx.future.completeExceptionally(new StunException(Reason.CLOSED, why + " before a response to " + tx.id));
        }
    }

    /** Response checks: integrity when we sent with a key (error responses may lack it, §9.2.5). */
    private static StunMessage decode(ByteBuf content, StunKey key) throws StunException {
        StunMessage plain = StunCodec.decode(content, StunProtection.NONE);
        if (key == null) {
            return plain;
        }
        boolean sha1 = plain.has(StunAttribute.MessageIntegrity.class);
        boolean sha256 = plain.has(StunAttribute.MessageIntegritySha256.class);
        if (plain.messageClass() == StunClass.ERROR_RESPONSE && !sha1 && !sha256) {
            return plain;
        }
        // §9.2.4: the receiver checks MESSAGE-INTEGRITY-SHA256 when present, else MESSAGE-INTEGRITY.
        return StunCodec.decode(content, new StunProtection(key, !sha256, sha256, false));
    }
}
