package io.p2proxy.ice;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.p2proxy.ice.internal.AgentParts;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * ICE (RFC 8445, trickle RFC 8838, consent RFC 7675) for one component on a datagram channel the
 * caller owns and has bound. The agent adds one handler at the front of the channel's pipeline:
 * it consumes STUN Binding traffic and passes every other datagram on untouched, so QUIC can sit
 * behind it on the same socket. With TURN servers configured, {@link #gather()} attaches one TURN
 * client per server ahead of it (see {@link SelectedPair} for sending on a relayed pair).
 *
 * <p>Threading: all state lives on the channel's event loop. Every public method may be called
 * from any thread and hops onto the loop; events reach the listener on the loop, in order.
 *
 * <p>What the session layer does:
 * <ol>
 *   <li>{@link #create} on the bound channel with the role (the dialing peer: controlling);</li>
 *   <li>send {@link #localCredentials()} to the peer; call {@link #gather()};</li>
 *   <li>forward each {@link IceEvent.LocalCandidate} ({@link Candidate#format()}) and then
 *       {@link IceEvent.GatheringDone} (end-of-candidates) as they come;</li>
 *   <li>pass what the peer sends to {@link #setRemoteCredentials}, {@link #addRemoteCandidate}
 *       (any order, any time, also after selection) and {@link #remoteEndOfCandidates()};</li>
 *   <li>on {@link IceEvent.Selected} / {@link IceEvent.SelectedChanged} point the path at the pair's
 *       remote address; on {@link IceEvent.Failed} or {@link IceEvent.ConsentLost} stop using it,
 *       relay through the server, and {@link #retry()} now and then;</li>
 *   <li>{@link #close()} when done (the channel stays open: its creator closes it).</li>
 * </ol>
 */
public final class IceAgent implements AutoCloseable {

    private static final String NAME = "ice";

    private final Channel channel;
    private final AgentParts parts;        // confined to the event loop
    private final IceCredentials local;

    private IceAgent(Channel channel, AgentParts parts, IceCredentials local) {
        this.channel = channel;
        this.parts = parts;
        this.local = local;
    }

    /**
     * Attaches an agent with fresh random credentials at the front of {@code channel}'s pipeline.
     * The channel must be bound (its local address names the host candidates' port).
     */
    public static IceAgent create(DatagramChannel channel, IceRole role, IceConfig config, Consumer<IceEvent> listener) {
        return create((Channel) channel, role, config, listener);
    }

    /** As above for any datagram channel (tests use {@code EmbeddedChannel}). */
    public static IceAgent create(Channel channel, IceRole role, IceConfig config, Consumer<IceEvent> listener) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        IceCredentials local = IceCredentials.random();
        AgentParts parts = new AgentParts(role, config, local, listener);
        channel.pipeline().addFirst(NAME, parts.handler());
        return new IceAgent(channel, parts, local);
    }

    /** The ufrag and password to send to the peer. Immutable; any thread. */
    public IceCredentials localCredentials() {
        return local;
    }

    /**
     * Starts gathering (host now, server-reflexive as STUN servers answer, relay as TURN servers
     * allocate; per {@link IceConfig#transportPolicy()}) and the checks.
     */
    public void gather() {
        onLoop(parts::gather);
    }

    /** The peer's ufrag and password; checks start once they are known. */
    public void setRemoteCredentials(IceCredentials remote) {
        Objects.requireNonNull(remote, "remote");
        onLoop(() -> parts.remoteCredentials(remote));
    }

    /** A trickled remote candidate (RFC 8838 §11): any time, also after selection (re-opens checks above the selected pair). */
    public void addRemoteCandidate(Candidate candidate) {
        Objects.requireNonNull(candidate, "candidate");
        onLoop(() -> parts.remoteCandidate(candidate));
    }

    /**
     * Tries direct again with the same credentials and candidates (DESIGN.md: every 60 s while
     * relayed). After {@link IceEvent.Failed} or {@link IceEvent.ConsentLost} every pair goes back to
     * Waiting; while a pair is selected, the Failed pairs ranked above it do. The paced checks run
     * again with the same RTO and attempts, and {@link IceConfig#failureTimeout()} counts from now.
     * What follows: {@link IceEvent.Selected} (nothing was selected) or {@link IceEvent.SelectedChanged}
     * (a better pair won), else {@link IceEvent.Failed} again, its reason starting {@code "retry N: "}.
     * A no-op while checks are running. The peer need not call it too: its agent takes up our checks
     * on its failed pairs (RFC 8445 §7.3.1.4). A remote candidate added after failure restarts the
     * checks for its pairs by itself.
     */
    public void retry() {
        onLoop(parts::retry);
    }

    /** The peer signalled end-of-candidates (RFC 8838 §13): failure may now be declared early. */
    public void remoteEndOfCandidates() {
        onLoop(parts::remoteEndOfCandidates);
    }

    /** The current role (it may change once, by role conflict resolution). */
    public CompletableFuture<IceRole> role() {
        return query(AgentParts::role);
    }

    public CompletableFuture<IceStats> stats() {
        return query(AgentParts::stats);
    }

    /**
     * Removes the handler: every timer is cancelled, every pending transaction's buffer released
     * and every TURN allocation released (its client detaches once the server confirmed, or after
     * the TURN release timeout); no event follows. Idempotent; the channel stays open. Returns at
     * once; {@link #closeAsync()} tells when the allocations are gone.
     */
    @Override
    public void close() {
        closeAsync();
    }

    /**
     * {@link #close()}, completing (on the event loop, always normally) once every TURN client
     * released its allocation and left the pipeline.
     */
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable task = () -> {
            if (channel.pipeline().context(parts.handler()) != null) {
                channel.pipeline().remove(parts.handler()); // handlerRemoved shuts the parts down
            }
            parts.released().whenComplete((v, e) -> done.complete(null));
        };
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException e) {
                done.complete(null); // the loop is gone and with it the channel and every TURN client on it
            }
        }
        return done;
    }

    private <T> CompletableFuture<T> query(Function<AgentParts, T> read) {
        CompletableFuture<T> f = new CompletableFuture<>();
        onLoop(() -> f.complete(read.apply(parts)));
        if (!f.isDone() && channel.eventLoop().isShuttingDown()) {
            f.completeExceptionally(new IceException(IceException.Reason.CLOSED, "event loop shut down"));
        }
        return f;
    }

    private void onLoop(Runnable task) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the loop is gone and with it the channel: nothing left to do or release
        }
    }
}
