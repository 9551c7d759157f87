package io.p2proxy.turn.internal;

import io.netty.util.concurrent.EventExecutor;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.TurnAttribute;
import io.p2proxy.turn.TurnException;
import java.net.InetAddress;
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
 * Permissions (RFC 8656 §9): keyed by the peer's IP address only ("the port number is ignored"),
 * they last 300 s on the server and are renewed here every {@code refresh} with CreatePermission
 * (§10). A channel binding installs one too (§12.2) but lasts longer than it, so bound peers get a
 * renewal timer here as well ({@link #adopt}). Confined to the channel's event loop.
 */
final class Permissions {

    private static final class Permission {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        ScheduledFuture<?> timer;
    }

    private final Map<InetAddress, Permission> byIp = new HashMap<>();
    private final Requests requests;
    private final EventExecutor loop;
    private final Duration refresh;
    private final Consumer<TurnException> renewalFailed;

    Permissions(Requests requests, EventExecutor loop, Duration refresh, Consumer<TurnException> renewalFailed) {
        this.requests = requests;
        this.loop = loop;
        this.refresh = refresh;
        this.renewalFailed = renewalFailed;
    }

    /** Installs a permission for {@code peer}'s IP; completes when the server has it. Idempotent. */
    CompletableFuture<Void> create(InetSocketAddress peer) {
        Permission existing = byIp.get(peer.getAddress());
        if (existing != null) {
            return existing.ready.copy();
        }
        Permission p = new Permission();
        byIp.put(peer.getAddress(), p);
        send(peer).whenComplete((ok, error) -> {
            if (error != null) {
                byIp.remove(peer.getAddress(), p);
                p.ready.completeExceptionally(error);
            } else {
                schedule(peer, p);
                p.ready.complete(null);
            }
        });
        return p.ready.copy();
    }

    /** A ChannelBind succeeded for {@code peer}: the server has a permission; keep it renewed. */
    void adopt(InetSocketAddress peer) {
        if (!byIp.containsKey(peer.getAddress())) {
            Permission p = new Permission();
            byIp.put(peer.getAddress(), p);
            p.ready.complete(null);
            schedule(peer, p);
        }
    }

    int size() {
        return byIp.size();
    }

    void close(TurnException why) {
        for (Permission p : byIp.values()) {
            if (p.timer != null) {
                p.timer.cancel(false);
            }
            p.ready.completeExceptionally(why);
        }
        byIp.clear();
    }

    private void schedule(InetSocketAddress peer, Permission p) {
        long nanos = refresh.toNanos();
        p.timer = loop.scheduleAtFixedRate(() -> send(peer).whenComplete((ok, error) -> {
            if (error != null && byIp.get(peer.getAddress()) == p) {
                renewalFailed.accept(TurnException.of(requests.server(), StunMethod.CREATE_PERMISSION, error));
            }
        }), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private CompletableFuture<?> send(InetSocketAddress peer) {
        return requests.send(StunMethod.CREATE_PERMISSION, List.<StunAttribute>of(new TurnAttribute.XorPeerAddress(peer)));
    }
}
