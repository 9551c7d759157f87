package io.p2proxy.ice.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Future;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunClass;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunKey;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.stun.StunRetransmission;
import io.p2proxy.stun.TransactionId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STUN client transactions of the agent (RFC 8489 §6.2.1, §6.3): connectivity checks, consent
 * checks and Binding requests to STUN servers. A response is taken only if its transaction id is
 * pending AND it comes from exactly the address the request went to AND, when the request carried
 * MESSAGE-INTEGRITY, the response's integrity verifies with the same key (RFC 8445 §7.2.5.1–2).
 * Anything else is dropped and counted. Confined to the event loop.
 */
final class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    /** The outcome of one transaction; called on the event loop, exactly once. */
    interface Callback {
        void response(StunMessage response, Duration rtt);

        void timeout();
    }

    private static final class Tx {
        final TransactionId id;
        final InetSocketAddress to;
        final InetSocketAddress via;   // the relayed address it went out through, or null
        final ByteBuf encoded;
        final StunKey key;
        final StunRetransmission schedule;
        final Callback callback;
        int sent;
        long firstSent;
        long lastSent;
        Future<?> timer;

        Tx(TransactionId id, InetSocketAddress to, InetSocketAddress via, ByteBuf encoded, StunKey key,
                StunRetransmission schedule, Callback callback) {
            this.id = id;
            this.to = to;
            this.via = via;
            this.encoded = encoded;
            this.key = key;
            this.schedule = schedule;
            this.callback = callback;
        }
    }

    private final AgentCore core;
    private final Map<TransactionId, Tx> pending = new HashMap<>();

    Transactions(AgentCore core) {
        this.core = core;
    }

    /**
     * Sends {@code request} to {@code to}, through the relay {@code via} if not null (see
     * {@link AgentCore#send}), protected with {@code key} (MESSAGE-INTEGRITY) if not null, and FINGERPRINT.
     */
    void start(StunMessage request, InetSocketAddress to, InetSocketAddress via, StunKey key,
            StunRetransmission schedule, Callback callback) {
        StunProtection protection = key == null ? StunProtection.FINGERPRINT : StunProtection.sha1(key);
        ByteBuf encoded = StunCodec.encode(core.ctx.alloc(), request, protection);
        Tx tx = new Tx(request.transactionId(), to, via, encoded, key, schedule, callback);
        pending.put(tx.id, tx);
        tx.firstSent = core.now();
        transmit(tx);
    }

    private void transmit(Tx tx) {
        tx.sent++;
        tx.lastSent = core.now();
        core.checksSent++;
        core.send(tx.encoded.retainedDuplicate(), tx.to, tx.via);
        Runnable next = tx.sent < tx.schedule.attempts() ? () -> transmit(tx) : () -> expire(tx);
        tx.timer = core.ctx.executor().schedule(next, tx.schedule.delayAfter(tx.sent).toNanos(), TimeUnit.NANOSECONDS);
    }

    private void expire(Tx tx) {
        if (finish(tx)) {
            tx.callback.timeout();
        }
    }

    private boolean finish(Tx tx) {
        if (pending.remove(tx.id, tx)) {
            tx.timer.cancel(false);
            tx.encoded.release();
            return true;
        }
        return false;
    }

    /**
     * A STUN response (class bits checked by the caller) from {@code from}, received through the
     * relay {@code via} or directly (null); it must come back the way the request went. The caller
     * keeps ownership of {@code content}.
     */
    void onResponse(ByteBuf content, InetSocketAddress from, InetSocketAddress via) {
        TransactionId id = TransactionId.read(content, content.readerIndex() + 8);
        Tx tx = pending.get(id);
        if (tx == null || !tx.to.equals(from) || !java.util.Objects.equals(tx.via, via)) {
            drop(id, from, tx == null ? "no such transaction" : "sent to " + tx.to + " via " + tx.via
                    + ", not to the sender or not that way");
            return;
        }
        StunMessage response;
        try {
            response = decode(content, tx.key);
        } catch (StunException e) {
            drop(id, from, e.getMessage());
            return; // §6.3: a response failing its checks is discarded; the transaction goes on
        }
        finish(tx);
        // Karn: after a retransmission the response may answer any copy; measure from the last.
        long since = tx.sent == 1 ? tx.firstSent : tx.lastSent;
        tx.callback.response(response, Duration.ofNanos(core.now() - since));
    }

    private void drop(TransactionId id, InetSocketAddress from, String why) {
        core.responsesDropped++;
        log.debug("dropping STUN response {} from {}: {}", id, from, why);
    }

    /** Ends every transaction without calling back (the agent is closing); releases their buffers. */
    void cancelAll() {
        for (Tx tx : new ArrayList<>(pending.values())) {
            finish(tx);
        }
    }

    /**
     * With a key, a success response must carry valid MESSAGE-INTEGRITY; an error response may
     * lack it (RFC 8489 §9.1.4 lets a server answer 400/401 without), but one that has it must verify.
     */
    private static StunMessage decode(ByteBuf content, StunKey key) throws StunException {
        StunMessage plain = StunCodec.decode(content, StunProtection.NONE); // a present FINGERPRINT is still checked
        if (key == null || (plain.messageClass() == StunClass.ERROR_RESPONSE
                && !plain.has(StunAttribute.MessageIntegrity.class))) {
            return plain;
        }
        return StunCodec.decode(content, StunProtection.sha1(key));
    }
}
