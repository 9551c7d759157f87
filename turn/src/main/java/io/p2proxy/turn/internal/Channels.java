package io.p2proxy.turn.internal;

import io.netty.util.concurrent.EventExecutor;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.TurnAttribute;
import io.p2proxy.turn.ChannelData;
import io.p2proxy.turn.TurnException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Channel bindings (RFC 8656 §11, §12): one number in 0x4000..0x4FFF per peer transport address,
 * bound with ChannelBind and re-bound every {@code refresh} (a binding lasts 600 s). Until the
 * success response, data goes in Send indications (§12: the client MUST NOT send ChannelData on
 * a channel before it is bound); inbound ChannelData is accepted for pending numbers too, since the
 * server may use the channel as soon as it answered and datagrams can overtake the answer.
 * Confined to the channel's event loop.
 */
final class Channels {

    private static final class Binding {
        final int number;
        final InetSocketAddress peer;
        final CompletableFuture<Integer> ready = new CompletableFuture<>();
        boolean bound;
        ScheduledFuture<?> timer;

        Binding(int number, InetSocketAddress peer) {
            this.number = number;
            this.peer = peer;
        }
    }

    private final Map<InetSocketAddress, Binding> byPeer = new HashMap<>();
    private final Map<Integer, Binding> byNumber = new HashMap<>();
    private final Requests requests;
    private final Permissions permissions;
    private final EventExecutor loop;
    private final Duration refresh;
    private final Consumer<TurnException> renewalFailed;
    private int next = ChannelData.MIN_CHANNEL;

    Channels(Requests requests, Permissions permissions, EventExecutor loop, Duration refresh,
            Consumer<TurnException> renewalFailed) {
        this.requests = requests;
        this.permissions = permissions;
        this.loop = loop;
        this.refresh = refresh;
        this.renewalFailed = renewalFailed;
    }

    /** Binds a channel to {@code peer}; completes with its number. Idempotent per peer. */
    CompletableFuture<Integer> bind(InetSocketAddress peer) {
        Binding existing = byPeer.get(peer);
        if (existing != null) {
            return existing.ready.copy();
        }
        int number = freeNumber();
        if (number < 0) {
            return CompletableFuture.failedFuture(new TurnException(TurnException.Reason.NOT_ALLOCATED,
                    requests.server(), StunMethod.CHANNEL_BIND, 0, "all 4096 channel numbers in use", null));
        }
        Binding b = new Binding(number, peer);
        byPeer.put(peer, b);
        byNumber.put(number, b);
        send(b).whenComplete((ok, error) -> {
            if (error != null) {
                byPeer.remove(peer, b);
                byNumber.remove(number, b);
                b.ready.completeExceptionally(error);
                return;
            }
            b.bound = true;
            permissions.adopt(peer);
            long nanos = refresh.toNanos();
            b.timer = loop.scheduleAtFixedRate(() -> send(b).whenComplete((ok2, error2) -> {
                if (error2 != null && byNumber.get(number) == b) {
                    renewalFailed.accept(TurnException.of(requests.server(), StunMethod.CHANNEL_BIND, error2));
                }
            }), nanos, nanos, TimeUnit.NANOSECONDS);
            b.ready.complete(number);
        });
        return b.ready.copy();
    }

    /** The bound channel number for {@code peer}, or -1 (none yet: use a Send indication). */
    int boundNumber(InetSocketAddress peer) {
        Binding b = byPeer.get(peer);
        return b != null && b.bound ? b.number : -1;
    }

    /** The peer of channel {@code number}, or null. */
    InetSocketAddress peer(int number) {
        Binding b = byNumber.get(number);
        return b == null ? null : b.peer;
    }

    int size() {
        return byPeer.size();
    }

    void close(TurnException why) {
        for (Binding b : byPeer.values()) {
            if (b.timer != null) {
                b.timer.cancel(false);
            }
            b.ready.completeExceptionally(why);
        }
        byPeer.clear();
        byNumber.clear();
    }

    private int freeNumber() {
        int span = ChannelData.MAX_CHANNEL - ChannelData.MIN_CHANNEL + 1;
        for (int i = 0; i < span; i++) {
            int candidate = ChannelData.MIN_CHANNEL + (next - ChannelData.MIN_CHANNEL + i) % span;
            if (!byNumber.containsKey(candidate)) {
                next = candidate + 1 > ChannelData.MAX_CHANNEL ? ChannelData.MIN_CHANNEL : candidate + 1;
                return candidate;
            }
        }
        return -1;
    }

    private CompletableFuture<?> send(Binding b) {
        return requests.send(StunMethod.CHANNEL_BIND, List.<StunAttribute>of(
                new TurnAttribute.ChannelNumber(b.number), new TurnAttribute.XorPeerAddress(b.peer)));
    }
}
