package io.p2proxy.ice.internal;

import io.netty.util.concurrent.Future;
import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.CandidateType;
import io.p2proxy.turn.TurnAllocation;
import io.p2proxy.turn.TurnClient;
import io.p2proxy.turn.TurnConfig;
import io.p2proxy.turn.TurnEvent;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's TURN allocations (RFC 8656), one {@link TurnClient} per configured server, attached
 * to the agent's channel after the agent's handler and so nearer the pipeline's head: a check the
 * agent writes as {@code DatagramPacket(check, peer, relayed)} passes the client, which sends it
 * through its allocation. Keeps what RFC 8445 asks of relay candidates: a permission for each
 * remote IP before it is checked from the relay (§6.1.2.2 via RFC 8656 §9, once per IP per
 * allocation), and a channel to the selected pair's remote (ChannelData: 4 bytes of overhead
 * instead of a Send indication's 36). Confined to the event loop.
 */
final class Relays {

    private static final Logger log = LoggerFactory.getLogger("io.p2proxy.ice.IceAgent");

    private static final class Slot {
        final TurnConfig config;
        final TurnClient client;
        InetSocketAddress relayed;          // set once allocated
        boolean settled;                     // the gatherer heard the outcome
        Future<?> timeout;
        final Set<InetAddress> permitted = new HashSet<>();
        final Set<InetSocketAddress> channels = new HashSet<>();

        Slot(TurnConfig config, TurnClient client) {
            this.config = config;
            this.client = client;
        }
    }

    private final AgentCore core;
    private final List<Slot> slots = new ArrayList<>();
    private final List<CompletableFuture<Void>> closing = new ArrayList<>();
    private boolean closed;

    Relays(AgentCore core) {
        this.core = core;
    }

    /**
     * Attaches a client for {@code config} and allocates. {@code outcome} runs once on the loop:
     * with the allocation, or with null when the server refused, failed or did not answer within
     * the configured TURN timeout (one log line says which server and why, then the client is closed).
     */
    void allocate(TurnConfig config, Consumer<TurnAllocation> outcome) {
        Slot slot = new Slot(config, TurnClient.attach(core.ctx.channel(), config, this::onEvent));
        slots.add(slot);
        long timeout = core.config.turnTimeout().toNanos();
        slot.timeout = core.ctx.executor().schedule(() -> {
            if (!slot.settled) {
                // The TURN client logs answers it got (e.g. 401); a silent server is ours to report.
                log.warn("TURN server {} gave no relay candidate: no allocation within {} ms", config.server(),
                        timeout / 1_000_000);
                fail(slot, outcome);
            }
        }, timeout, TimeUnit.NANOSECONDS);
        slot.client.allocate().whenComplete((allocation, error) -> {
            if (slot.settled) {
                return;
            }
            if (error != null || closed) {
                log.debug("TURN server {}: no relay candidate: {}", config.server(), error);
                fail(slot, outcome);
                return;
            }
            slot.settled = true;
            slot.timeout.cancel(false);
            slot.relayed = allocation.relayed();
            outcome.accept(allocation);
        });
    }

    private void fail(Slot slot, Consumer<TurnAllocation> outcome) {
        slot.settled = true;
        slot.timeout.cancel(false);
        slots.remove(slot);
        closing.add(slot.client.closeAsync());
        outcome.accept(null);
    }

    private void onEvent(TurnEvent event) {
        if (event instanceof TurnEvent.RefreshFailed f && f.lost()) {
            log.debug("TURN allocation lost: {}", f.error().getMessage());
        }
    }

    /** Whether {@code relayed} is a live allocation of ours (so a write with it as sender goes through the relay). */
    boolean live(InetSocketAddress relayed) {
        return slot(relayed) != null;
    }

    /** Before a check from relay candidate {@code local} to {@code peer}: a permission for the peer's IP, once. */
    void permit(Candidate local, InetAddress peer) {
        Slot slot = slot(local.address());
        if (slot != null) {
            permit(slot, peer);
        }
    }

    /** A new remote candidate: permissions on every allocation of its family, so its checks to us get through too. */
    void permitAll(InetAddress peer) {
        for (Slot slot : slots) {
            if (slot.relayed != null) {
                permit(slot, peer);
            }
        }
    }

    private void permit(Slot slot, InetAddress peer) {
        if ((peer instanceof Inet4Address) != (slot.relayed.getAddress() instanceof Inet4Address)
                || !slot.permitted.add(peer)) {
            return; // RFC 8656 §9.1: a permission for another family is refused (443); or already there
        }
        slot.client.createPermission(new InetSocketAddress(peer, 0)).whenComplete((v, error) -> {
            if (error != null) {
                slot.permitted.remove(peer); // the next check asks again
                log.debug("TURN permission for {} on {} failed: {}", peer.getHostAddress(), slot.config.server(),
                        error.getMessage());
            }
        });
    }

    /** The pair was selected: with a relay local candidate, bind a channel to its remote (RFC 8656 §11), once. */
    void selected(CandidatePair pair) {
        if (pair.local().type() != CandidateType.RELAY) {
            return;
        }
        Slot slot = slot(pair.local().address());
        InetSocketAddress remote = pair.remote().address();
        if (slot == null || !slot.channels.add(remote)) {
            return;
        }
        slot.client.bindChannel(remote).whenComplete((channel, error) -> {
            if (error != null) {
                slot.channels.remove(remote); // Send indications still work; only the overhead differs
                log.debug("TURN channel to {} on {} not bound: {}", remote, slot.config.server(), error.getMessage());
            } else {
                log.debug("TURN channel 0x{} to {} on {}", Integer.toHexString(channel), remote, slot.config.server());
            }
        });
    }

    private Slot slot(InetSocketAddress relayed) {
        for (Slot slot : slots) {
            if (relayed.equals(slot.relayed)) {
                return slot;
            }
        }
        return null;
    }

    /** Releases every allocation and detaches every client; completes when all are done. Idempotent. */
    CompletableFuture<Void> close() {
        if (!closed) {
            closed = true;
            for (Slot slot : slots) {
                if (slot.timeout != null) {
                    slot.timeout.cancel(false);
                }
                closing.add(slot.client.closeAsync());
            }
            slots.clear();
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }
}
