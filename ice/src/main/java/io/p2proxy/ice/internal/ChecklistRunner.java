package io.p2proxy.ice.internal;

import io.netty.util.concurrent.Future;
import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.CandidateType;
import io.p2proxy.ice.IceRole;
import io.p2proxy.stun.IceAttribute;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunClass;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMessages;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.StunRetransmission;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the connectivity checks the controller asks for, one per Ta (RFC 8445 §6.1.4.2), and
 * reports their outcomes back. Ticks only while the controller has work; {@link #wake()} restarts
 * it when candidates, credentials or checks arrive, and on a retry. Confined to the event loop.
 */
final class ChecklistRunner {

    private static final Logger log = LoggerFactory.getLogger(ChecklistRunner.class);

    private final AgentCore core;
    private final Transactions transactions;
    private Future<?> timer; // the next Ta tick, or null when idle

    ChecklistRunner(AgentCore core, Transactions transactions) {
        this.core = core;
        this.transactions = transactions;
    }

    /** Runs a tick now if idle; the next ones follow every Ta while there is work. */
    void wake() {
        if (timer == null && !core.closed) {
            tick();
        }
    }

    private void tick() {
        timer = null;
        if (core.closed) {
            return;
        }
        long now = core.now();
        core.controller.tick(now);
        if (core.remote != null) {
            Check check = core.controller.nextCheck(now);
            if (check != null) {
                send(check);
            }
        }
        core.publish();
        if (core.controller.checking()) {
            timer = core.ctx.executor().schedule(this::tick, core.config.ta().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * §7.2.4: a Binding request with USERNAME "RFRAG:LFRAG", PRIORITY, ICE-CONTROLLING or
     * ICE-CONTROLLED with our tie-breaker, USE-CANDIDATE when nominating, then MESSAGE-INTEGRITY
     * with the remote password and FINGERPRINT (added by the codec).
     */
    static StunMessage request(AgentCore core, long priority, boolean useCandidate) {
        List<StunAttribute> attributes = new ArrayList<>(5);
        attributes.add(new StunAttribute.Username(core.remote.ufrag() + ":" + core.local.ufrag()));
        attributes.add(new IceAttribute.Priority(priority));
        attributes.add(core.controller.role() == IceRole.CONTROLLING
                ? new IceAttribute.IceControlling(core.controller.tieBreaker())
                : new IceAttribute.IceControlled(core.controller.tieBreaker()));
        if (useCandidate) {
            attributes.add(new IceAttribute.UseCandidate());
        }
        return StunMessage.request(StunMethod.BINDING, attributes.toArray(StunAttribute[]::new));
    }

    private void send(Check check) {
        IceRole roleSent = core.controller.role();
        StunMessage request = request(core, check.priorityAttribute(), check.useCandidate());
        log.debug("ICE check {}{}", check.pair(), check.useCandidate() ? " with USE-CANDIDATE" : "");
        Candidate local = check.pair().local();
        InetSocketAddress remote = check.pair().remote().address();
        if (local.type() == CandidateType.RELAY) {
            core.relays.permit(local, remote.getAddress()); // RFC 8656 §9: the server drops data to IPs without one
        }
        transactions.start(request, remote, AgentCore.via(local), core.remoteKey, schedule(), new Transactions.Callback() {
            @Override
            public void response(StunMessage response, Duration rtt) {
                onResponse(check, roleSent, response, rtt);
            }

            @Override
            public void timeout() {
                log.debug("ICE check timed out: {}", check.pair());
                core.controller.checkFailed(check);
                afterResult();
            }
        });
    }

    private void onResponse(Check check, IceRole roleSent, StunMessage response, Duration rtt) {
        if (response.messageClass() == StunClass.SUCCESS_RESPONSE) {
            var mapped = StunMessages.mappedAddress(response);
            if (mapped.isEmpty()) {
                core.controller.checkFailed(check); // §7.2.5.2: a success without a mapped address is unusable
            } else {
                core.controller.checkSucceeded(check, mapped.get(), rtt, core.now());
            }
        } else {
            int code = response.attribute(StunAttribute.ErrorCode.class).map(StunAttribute.ErrorCode::code).orElse(0);
            if (code == 487) {
                core.controller.roleConflictResponse(check, roleSent); // §7.2.5.1
            } else {
                log.debug("ICE check {} answered with error {}", check.pair(), code);
                core.controller.checkFailed(check); // §7.2.5.2.4: an unrecoverable failure response
            }
        }
        afterResult();
    }

    private void afterResult() {
        core.publish();
        wake();
    }

    /**
     * RFC 8445 §14.3: "RTO = MAX (500ms, Ta * (Num-Waiting + Num-In-Progress))", with the floor
     * configurable (tests use less). Retransmissions double as in RFC 8489 §6.2.1, but a check
     * gives up after {@code checkAttempts} sends (default 5: at 0, 0.5, 1.5, 3.5, 7.5 s, failed at
     * 9.5 s) rather than Rc = 7 (39.5 s): a pair that has not answered by then is not worth waiting
     * for, and issue 4's relay fallback needs failures decided in seconds.
     */
    private StunRetransmission schedule() {
        long active = core.controller.pairs().stream()
                .filter(p -> p.state() == PairState.WAITING || p.state() == PairState.IN_PROGRESS).count();
        Duration rto = core.config.checkRto().compareTo(core.config.ta().multipliedBy(active)) >= 0
                ? core.config.checkRto() : core.config.ta().multipliedBy(active);
        return new StunRetransmission(rto, core.config.checkAttempts(), 4);
    }

    void close() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
