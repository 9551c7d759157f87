package io.p2proxy.turn.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunClient;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.TurnAttribute;
import io.p2proxy.turn.TurnAllocation;
import io.p2proxy.turn.TurnConfig;
import io.p2proxy.turn.TurnEvent;
import io.p2proxy.turn.TurnException;
import io.p2proxy.turn.TurnException.Reason;
import io.p2proxy.turn.TurnStats;
import io.p2proxy.turn.TurnTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One allocation's life (RFC 8656 §7 allocate, §8 refresh, LIFETIME 0 to release) with its
 * permissions and channels. Logs one line per allocation event: allocated, allocation failed,
 * renewal failed, released. Every field is confined to the channel's event loop.
 */
public final class AllocationCore {

    private static final Logger log = LoggerFactory.getLogger("io.p2proxy.turn.TurnClient");

    enum State { NEW, ALLOCATING, ALLOCATED, RELEASED, LOST }

    final TurnConfig config;
    final Relay relay;
    private final Requests requests;
    private final Permissions permissions;
    private final Channels channels;
    private final EventExecutor loop;
    private final Consumer<TurnEvent> listener;
    private State state = State.NEW;
    private CompletableFuture<TurnAllocation> allocating;
    private TurnAllocation allocation;
    private ScheduledFuture<?> refreshTimer;
    private long expiresAtNanos;
    private long refreshes;

    public AllocationCore(StunClient stun, TurnConfig config, EventExecutor loop, Consumer<TurnEvent> listener) {
        this.config = config;
        this.loop = loop;
        this.listener = listener;
        this.requests = new Requests(stun, config);
        this.permissions = new Permissions(requests, loop, config.permissionRefresh(), e -> renewalFailed(e, false));
        this.channels = new Channels(requests, permissions, loop, config.channelRefresh(), e -> renewalFailed(e, false));
        this.relay = new Relay(config.server(), channels, config.transport() == TurnTransport.TCP);
    }

    public TurnConfig config() {
        return config;
    }

    /** The handler; {@code stunClient} is the context of our StunClient's handler, which it sits right ahead of. */
    public TurnHandler newHandler(ChannelHandlerContext stunClient) {
        return new TurnHandler(this, stunClient);
    }

    /** §7.1: Allocate with REQUESTED-TRANSPORT UDP. A second call returns the same allocation. */
    public CompletableFuture<TurnAllocation> allocate() {
        if (state == State.NEW) {
            state = State.ALLOCATING;
            allocating = requests.send(StunMethod.ALLOCATE, List.of(
                    new TurnAttribute.RequestedTransport(TurnAttribute.RequestedTransport.UDP),
                    new TurnAttribute.Lifetime(config.lifetime()))).thenApply(this::allocated);
            allocating.whenComplete((a, error) -> {
                if (error != null && state == State.ALLOCATING) {
                    state = State.LOST;
                    log.warn("TURN allocation on {} for {} failed: {}", config.server(), config.username(),
                            TurnException.of(config.server(), StunMethod.ALLOCATE, unwrap(error)).getMessage());
                }
            });
        }
        return allocating == null ? failed(StunMethod.ALLOCATE, "released") : allocating.copy();
    }

    private TurnAllocation allocated(StunMessage response) {
        InetSocketAddress relayed = response.attribute(TurnAttribute.XorRelayedAddress.class)
                .map(TurnAttribute.XorRelayedAddress::address).orElse(null);
        InetSocketAddress mapped = response.attribute(StunAttribute.XorMappedAddress.class)
                .map(StunAttribute.XorMappedAddress::address).orElse(null);
        if (relayed == null || mapped == null) {
            throw new java.util.concurrent.CompletionException(new TurnException(Reason.MALFORMED, config.server(),
                    StunMethod.ALLOCATE, 0, "success without XOR-RELAYED-ADDRESS or XOR-MAPPED-ADDRESS", null));
        }
        Duration lifetime = lifetimeOf(response);
        allocation = new TurnAllocation(config.server(), relayed, mapped, lifetime);
        if (state != State.ALLOCATING) {
            return allocation; // released while allocating: release() sends LIFETIME 0 next
        }
        state = State.ALLOCATED;
        relay.relayed = relayed;
        scheduleRefresh(lifetime);
        log.info("TURN allocation on {} for {}: relayed {}, mapped {}, lifetime {} s", config.server(),
                config.username(), relayed, mapped, lifetime.toSeconds());
        listener.accept(new TurnEvent.Allocated(allocation));
        return allocation;
    }

    /** §8: Refresh now with the configured LIFETIME; completes with the granted lifetime. */
    public CompletableFuture<Duration> refresh() {
        if (state != State.ALLOCATED) {
            return failed(StunMethod.REFRESH, "no allocation (" + state + ")");
        }
        return requests.send(StunMethod.REFRESH, List.of(new TurnAttribute.Lifetime(config.lifetime())))
                .thenApply(response -> {
                    Duration lifetime = lifetimeOf(response);
                    refreshes++;
                    if (state == State.ALLOCATED) {
                        scheduleRefresh(lifetime);
                        listener.accept(new TurnEvent.Refreshed(lifetime));
                    }
                    return lifetime;
                });
    }

    /** Refresh a minute before expiry, or halfway for lifetimes under two minutes. */
    private void scheduleRefresh(Duration lifetime) {
        if (refreshTimer != null) {
            refreshTimer.cancel(false);
        }
        long now = loop.ticker().nanoTime();
        expiresAtNanos = now + lifetime.toNanos();
        Duration delay = lifetime.compareTo(Duration.ofSeconds(120)) > 0 ? lifetime.minusSeconds(60) : lifetime.dividedBy(2);
        refreshTimer = loop.schedule(this::refreshByTimer, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void refreshByTimer() {
        refresh().whenComplete((lifetime, error) -> {
            if (error == null || state != State.ALLOCATED) {
                return;
            }
            TurnException e = TurnException.of(config.server(), StunMethod.REFRESH, unwrap(error));
            long remaining = expiresAtNanos - loop.ticker().nanoTime();
            // 437 Allocation Mismatch: the server no longer knows it (§8.3); wrong credentials never heal.
            boolean lost = remaining <= 0 || e.code() == 437 || e.reason() == Reason.UNAUTHORIZED;
            renewalFailed(e, lost);
            if (!lost) {
                refreshTimer = loop.schedule(this::refreshByTimer, remaining / 2, TimeUnit.NANOSECONDS);
            }
        });
    }

    private void renewalFailed(TurnException e, boolean lost) {
        if (state != State.ALLOCATED) {
            return;
        }
        log.warn("TURN renewal of {} on {} failed{}: {}", relay.relayed, config.server(),
                lost ? " (allocation lost)" : "", e.getMessage());
        if (lost) {
            state = State.LOST;
            stopAll(e);
        }
        listener.accept(new TurnEvent.RefreshFailed(e, lost));
    }

    public CompletableFuture<Void> permit(InetSocketAddress peer) {
        return state == State.ALLOCATED ? permissions.create(peer) : failed(StunMethod.CREATE_PERMISSION, "no allocation");
    }

    public CompletableFuture<Integer> bind(InetSocketAddress peer) {
        return state == State.ALLOCATED ? channels.bind(peer) : failed(StunMethod.CHANNEL_BIND, "no allocation");
    }

    public boolean allocated() {
        return state == State.ALLOCATED;
    }

    public TurnStats stats() {
        return new TurnStats(state == State.ALLOCATED, refreshes, requests.staleNonces, permissions.size(),
                channels.size(), relay.datagramsIn, relay.datagramsOut);
    }

    /** RFC 8656 §8: Refresh with LIFETIME 0 deletes the allocation; waits at most releaseTimeout for the answer. */
    public CompletableFuture<Void> release() {
        if (state == State.ALLOCATING) {
            // Wait for the answer at most releaseTimeout: a server that does not answer would
            // otherwise hold the close for the whole retransmission schedule (39.5 s).
            state = State.RELEASED;
            CompletableFuture<TurnAllocation> answer = allocating.copy();
            ScheduledFuture<?> timeout = loop.schedule(() -> answer.cancel(false), config.releaseTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
            return answer.handle((a, e) -> {
                timeout.cancel(false);
                return e == null ? sendRelease() : CompletableFuture.<Void>completedFuture(null);
            }).thenCompose(f -> f);
        }
        boolean was = state == State.ALLOCATED;
        state = State.RELEASED;
        stopAll(new TurnException(Reason.CLOSED, config.server(), StunMethod.REFRESH, 0, "released", null));
        return was ? sendRelease() : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> sendRelease() {
        CompletableFuture<StunMessage> sent = requests.send(StunMethod.REFRESH,
                List.of(new TurnAttribute.Lifetime(Duration.ZERO)));
        ScheduledFuture<?> timeout = loop.schedule(() -> sent.cancel(false), config.releaseTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
        return sent.handle((response, error) -> {
            timeout.cancel(false);
            log.info("TURN allocation {} on {} released{}", allocation.relayed(), config.server(),
                    error == null ? "" : " (no confirmation: " + unwrap(error) + "; it expires on its own)");
            listener.accept(new TurnEvent.Released());
            return null;
        });
    }

    /**
     * The TCP connection to the server is gone, and the allocation with it (RFC 8656 §3.1: an
     * allocation over TCP lives as long as its connection). One log line, a lost event; no reconnect.
     */
    public void connectionLost(String why) {
        if (state != State.ALLOCATED && state != State.ALLOCATING) {
            return;
        }
        boolean was = state == State.ALLOCATED;
        state = State.LOST;
        TurnException e = new TurnException(Reason.CLOSED, config.server(), StunMethod.REFRESH, 0,
                "TCP connection lost: " + why, null);
        log.warn("TURN allocation {} on {} over TCP lost with its connection: {}", relay.relayed, config.server(), why);
        stopAll(e);
        if (was) {
            listener.accept(new TurnEvent.RefreshFailed(e, true));
        }
    }

    /** The channel closed or the handler was removed: stop every timer; nothing is sent. */
    public void shutdown() {
        if (state == State.ALLOCATED || state == State.ALLOCATING) {
            state = State.RELEASED;
        }
        stopAll(new TurnException(Reason.CLOSED, config.server(), StunMethod.REFRESH, 0, "client closed", null));
    }

    private void stopAll(TurnException why) {
        relay.relayed = null;
        if (refreshTimer != null) {
            refreshTimer.cancel(false);
        }
        permissions.close(why);
        channels.close(why);
    }

    private Duration lifetimeOf(StunMessage response) {
        return response.attribute(TurnAttribute.Lifetime.class).map(TurnAttribute.Lifetime::duration)
                .orElse(config.lifetime());
    }

    private <T> CompletableFuture<T> failed(int method, String why) {
        return CompletableFuture.failedFuture(new TurnException(Reason.NOT_ALLOCATED, config.server(), method, 0, why, null));
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }
}
