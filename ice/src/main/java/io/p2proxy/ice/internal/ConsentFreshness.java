package io.p2proxy.ice.internal;

import io.netty.util.concurrent.Future;
import io.p2proxy.ice.IceEvent;
import io.p2proxy.stun.StunClass;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunRetransmission;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 7675 consent freshness on the selected pair. §5.1: consent checks are Binding requests
 * sent "every 5 seconds", with the interval "randomized ... in the range of 0.8 to 1.2 times the
 * basic period", each with a new transaction id, authenticated like a connectivity check; only a
 * success response from the pair's remote address refreshes consent, and "consent expires after
 * 30 seconds" without one. The checks also keep NAT mappings open, so they replace DESIGN.md's
 * 15 s keepalive (and, on a relayed pair, the TURN permission's use). Each check is a single send (no retransmission): the next one is never more than
 * 1.2 intervals away, and a lost one only matters through the 30 s expiry. Confined to the event loop.
 */
final class ConsentFreshness {

    private static final Logger log = LoggerFactory.getLogger(ConsentFreshness.class);

    private final AgentCore core;
    private final Transactions transactions;
    private CandidatePair pair;   // the pair under consent, or null
    private long lastConsent;     // ticker nanos of the last success (or of selection)
    private Future<?> timer;

    ConsentFreshness(AgentCore core, Transactions transactions) {
        this.core = core;
        this.transactions = transactions;
    }

    /** Starts (or moves) consent to {@code selected}: selection itself counts as consent. */
    void watch(CandidatePair selected) {
        pair = selected;
        lastConsent = core.now();
        if (timer == null) {
            schedule();
        }
    }

    private void schedule() {
        double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        long delay = (long) (core.config.consentInterval().toNanos() * factor);
        timer = core.ctx.executor().schedule(this::fire, delay, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        timer = null;
        if (core.closed || pair == null || core.controller.selected() != pair) {
            return;
        }
        long silence = core.now() - lastConsent;
        if (silence >= core.config.consentTimeout().toNanos()) {
            CandidatePair lost = pair;
            pair = null;
            log.warn("ICE consent lost on {} -> {}: no answer for {} ms", lost.local(), AgentCore.hostPort(lost.remote().address()),
                    silence / 1_000_000);
            core.emit(new IceEvent.ConsentLost(AgentCore.snapshot(lost), Duration.ofNanos(silence)));
            core.controller.consentLost();
            core.publish();
            return;
        }
        CandidatePair target = pair;
        StunMessage request = ChecklistRunner.request(core, new Check(target, false).priorityAttribute(), false);
        StunRetransmission once = new StunRetransmission(core.config.consentInterval(), 1, 1);
        InetSocketAddress via = AgentCore.via(target.local()); // a relayed pair's consent goes through the relay too
        transactions.start(request, target.remote().address(), via, core.remoteKey, once, new Transactions.Callback() {
            @Override
            public void response(StunMessage response, Duration rtt) {
                if (response.messageClass() == StunClass.SUCCESS_RESPONSE && pair == target) {
                    lastConsent = core.now();
                    target.rtt = rtt;
                }
            }

            @Override
            public void timeout() {
                log.debug("ICE consent check on {} unanswered", target);
            }
        });
        schedule();
    }

    void close() {
        pair = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
