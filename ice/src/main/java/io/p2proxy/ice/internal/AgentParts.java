package io.p2proxy.ice.internal;

import io.netty.channel.ChannelHandler;
import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.IceConfig;
import io.p2proxy.ice.IceCredentials;
import io.p2proxy.ice.IceEvent;
import io.p2proxy.ice.IceRole;
import io.p2proxy.ice.IceStats;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's parts wired together: the {@link IceHandler} for the pipeline and the operations
 * {@code IceAgent} forwards. Every method here runs on the channel's event loop.
 */
public final class AgentParts {

    private static final Logger log = LoggerFactory.getLogger("io.p2proxy.ice.IceAgent");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgentCore core;
    private final Transactions transactions;
    private final ChecklistRunner runner;
    private final Gatherer gatherer;
    private final ConsentFreshness consent;
    private final Relays relays;
    private final IceHandler handler;

    public AgentParts(IceRole role, IceConfig config, IceCredentials local, Consumer<IceEvent> events) {
        // §7.1.1 / §6.1.1: the tie-breaker is "a 64-bit unsigned integer ... random".
        IceController controller = new IceController(role, RANDOM.nextLong(), config.nominationDelay(),
                config.failureTimeout(), 100);
        this.core = new AgentCore(config, local, controller, events);
        this.transactions = new Transactions(core);
        this.runner = new ChecklistRunner(core, transactions);
        this.relays = new Relays(core);
        core.relays = relays;
        this.gatherer = new Gatherer(core, transactions, relays);
        this.consent = new ConsentFreshness(core, transactions);
        this.handler = new IceHandler(core, transactions, new CheckResponder(core, runner::wake), this::shutdown);
        core.onSelected = pair -> {
            consent.watch(pair);
            relays.selected(pair);
        };
    }

    public ChannelHandler handler() {
        return handler;
    }

    public void gather() {
        if (core.closed) {
            return;
        }
        core.controller.start(core.now());
        gatherer.start();
        runner.wake();
    }

    public void remoteCredentials(IceCredentials remote) {
        if (core.remote != null && !core.remote.equals(remote)) {
            log.warn("ICE remote credentials changed ({} -> {}): ICE restart is not supported; ignored",
                    core.remote.ufrag(), remote.ufrag());
            return;
        }
        core.remoteCredentials(remote);
        runner.wake();
    }

    public void remoteCandidate(Candidate candidate) {
        if (candidate.component() != Candidate.COMPONENT) {
            log.debug("ICE remote candidate for component {} ignored (one component only): {}", candidate.component(),
                    candidate.format());
            return;
        }
        boolean stopped = core.controller.stopped();
        core.controller.addRemote(candidate, core.now());
        if (stopped && !core.controller.stopped()) {
            log.info("ICE checks resumed for the new remote candidate {}", candidate.format());
        }
        relays.permitAll(candidate.address().getAddress()); // so that its checks reach our relay candidates
        runner.wake();
    }

    /** Checks again after failure or consent loss, or on the failed pairs above the selected one; no-op while checking. */
    public void retry() {
        if (core.closed) {
            return;
        }
        gatherer.refreshServerReflexive();
        if (!core.controller.retry(core.now())) {
            log.debug("ICE retry ignored: checks are running or none can be tried again");
            return;
        }
        log.info("ICE retry: checks run again ({} candidate pairs in the checklist)", core.controller.pairs().size());
        core.publish();
        runner.wake();
    }

    public void remoteEndOfCandidates() {
        core.controller.remoteEndOfCandidates();
        runner.wake();
    }

    public IceStats stats() {
        return core.stats();
    }

    public IceRole role() {
        return core.controller.role();
    }

    public boolean closed() {
        return core.closed;
    }

    /** Completes once every TURN allocation is released and its client detached (after {@link #shutdown()}). */
    public CompletableFuture<Void> released() {
        return relays.close();
    }

    /** Idempotent: stops every timer, ends every transaction and releases its buffer, releases every allocation. */
    void shutdown() {
        if (core.closed) {
            return;
        }
        core.closed = true;
        runner.close();
        consent.close();
        transactions.cancelAll();
        relays.close();
    }
}
