package io.p2proxy.turn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.p2proxy.stun.StunClient;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.StunRetransmission;
import io.p2proxy.turn.internal.AllocationCore;
import io.p2proxy.turn.internal.TcpLink;
import io.p2proxy.turn.internal.TurnHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A TURN client (RFC 8656) for one server over UDP or TCP, sharing a datagram channel with ICE and QUIC.
 * Attaching puts a handler first in the channel's pipeline; it unwraps what the server relays into
 * {@link RelayedDatagramPacket}s (sender = the peer, recipient = the relayed address) fired from
 * the pipeline's head, so ICE and the path above see relayed datagrams as if they came directly,
 * and lets every other datagram through untouched. Datagrams from the server are recognised by
 * their source address alone.
 *
 * <p>Sending through the relay: {@link #send}, or write a {@code DatagramPacket(data, peer,
 * relayed)} from a handler behind this one (its sender, the relayed address, selects the relay).
 * Either way the server drops data to a peer without a permission: call {@link #createPermission}
 * or {@link #bindChannel} first.
 *
 * <p>Threading: state lives on the channel's event loop; methods may be called from any thread
 * and hop onto it; futures and events complete on it. Who attaches closes. Several TURN clients
 * (one per server) may share a channel: each looks only at datagrams from its own server.
 *
 * <p>Over TCP ({@link TurnTransport#TCP}) the client opens a connection of its own to the server,
 * on the channel's event loop, and bridges it into the channel: relayed datagrams still arrive as
 * {@link RelayedDatagramPacket}s from the pipeline's head, and writes with the relayed address as
 * sender still go through the relay. Losing the connection loses the allocation (no reconnect).
 */
public final class TurnClient implements AutoCloseable {

    /** RFC 8489 §6.2.2: over a reliable transport a request is sent once and fails after Ti = 39.5 s. */
    private static final StunRetransmission RELIABLE = new StunRetransmission(Duration.ofMillis(39_500), 1, 1);

    private final Channel channel;
    private final TcpLink link;
    private final StunClient ownStun;
    private final AllocationCore core;
    private final TurnHandler handler;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private TurnClient(Channel channel, TcpLink link, StunClient ownStun, AllocationCore core, TurnHandler handler) {
        this.channel = channel;
        this.link = link;
        this.ownStun = ownStun;
        this.core = core;
        this.handler = handler;
    }

    /**
     * Attaches at the front of {@code channel}'s pipeline, with a {@link StunClient} of its own
     * right behind (closing detaches both). Only STUN responses from the TURN server reach that
     * StunClient: its handler would swallow any STUN response, so every other datagram skips it
     * (ICE's Binding responses stay ICE's). Handlers added earlier sit behind this one, so what
     * they write with the relayed address as sender goes through the relay.
     */
    public static TurnClient attach(Channel channel, TurnConfig config, Consumer<TurnEvent> listener) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        // Over TCP the TURN handler and its StunClient sit in the link's TCP pipeline, not in channel's.
        TcpLink link = config.transport() == TurnTransport.TCP ? TcpLink.open(channel, config) : null;
        Channel carrier = link == null ? channel : link.channel();
        StunClient stun = StunClient.attach(carrier, link == null ? StunRetransmission.RFC_8489 : RELIABLE);
        AllocationCore core = new AllocationCore(stun, config, channel.eventLoop(), listener);
        // StunClient.attach just put its handler first: that is the context to hand TURN responses to.
        TurnHandler handler = core.newHandler(carrier.pipeline().firstContext());
        carrier.pipeline().addFirst("turn " + config.server(), handler);
        if (link != null) {
            link.start(core);
        }
        return new TurnClient(carrier, link, stun, core, handler);
    }

    public TurnConfig config() {
        return core.config();
    }

    /** Allocates (RFC 8656 §7): completes with the relayed and mapped addresses; refreshes follow by themselves. */
    public CompletableFuture<TurnAllocation> allocate() {
        if (link == null) {
            return call(core::allocate, StunMethod.ALLOCATE);
        }
        return call(() -> link.connected().thenCompose(v -> core.allocate()), StunMethod.ALLOCATE);
    }

    /** Installs (and keeps renewing) a permission for {@code peer}'s IP (§9, §10). */
    public CompletableFuture<Void> createPermission(InetSocketAddress peer) {
        Objects.requireNonNull(peer, "peer");
        return call(() -> core.permit(peer), StunMethod.CREATE_PERMISSION);
    }

    /** Binds (and keeps renewing) a channel to {@code peer} (§11); completes with the channel number. */
    public CompletableFuture<Integer> bindChannel(InetSocketAddress peer) {
        Objects.requireNonNull(peer, "peer");
        return call(() -> core.bind(peer), StunMethod.CHANNEL_BIND);
    }

    /** Refreshes now (§8); the timer does this by itself before LIFETIME runs out. */
    public CompletableFuture<Duration> refresh() {
        return call(core::refresh, StunMethod.REFRESH);
    }

    /**
     * Sends {@code data} to {@code peer} through the relay: ChannelData once a channel to it is
     * bound, a Send indication before. Takes ownership of {@code data}. The future fails with
     * {@link TurnException.Reason#NOT_ALLOCATED} without an allocation.
     */
    public ChannelFuture send(InetSocketAddress peer, ByteBuf data) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(data, "data");
        ChannelPromise promise = channel.newPromise();
        onLoop(() -> handler.send(peer, data, promise), () -> {
            data.release();
            promise.tryFailure(new TurnException(TurnException.Reason.CLOSED, core.config().server(),
                    StunMethod.SEND, 0, "event loop shut down", null));
        });
        return promise;
    }

    public CompletableFuture<TurnStats> stats() {
        return call(() -> CompletableFuture.completedFuture(core.stats()), StunMethod.REFRESH);
    }

    /**
     * Releases the allocation (Refresh with LIFETIME 0, waiting at most the configured release
     * timeout), stops every timer and detaches. Idempotent; the future always completes normally.
     */
    public CompletableFuture<Void> closeAsync() {
        if (closing.compareAndSet(false, true)) {
            onLoop(() -> core.release().whenComplete((v, e) -> detach()), this::detach);
        }
        return closed.copy();
    }

    private void detach() {
        if (channel.pipeline().context(handler) != null) {
            channel.pipeline().remove(handler);
        }
        ownStun.close();
        if (link == null) {
            closed.complete(null);
        } else {
            link.close().whenComplete((v, e) -> closed.complete(null));
        }
    }

    /** {@link #closeAsync()}, waiting for it unless called on the event loop. */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        if (!channel.eventLoop().inEventLoop()) {
            try {
                done.get(core.config().releaseTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // closeAsync never fails; a timeout leaves the rest to run on the loop
            }
        }
    }

    private <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> task, int method) {
        CompletableFuture<T> result = new CompletableFuture<>();
        onLoop(() -> task.get().whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e);
            } else {
                result.complete(v);
            }
        }), () -> result.completeExceptionally(new TurnException(TurnException.Reason.CLOSED,
                core.config().server(), method, 0, "event loop shut down", null)));
        return result;
    }

    private void onLoop(Runnable task, Runnable rejected) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }
}
