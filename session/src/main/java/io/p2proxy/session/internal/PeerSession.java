package io.p2proxy.session.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.p2proxy.common.PeerId;
import io.p2proxy.common.Transports;
import io.p2proxy.session.SessionException;
import io.p2proxy.session.SessionException.Failure;
import io.p2proxy.session.SessionSignal;
import io.p2proxy.session.SessionSnapshot;
import io.p2proxy.transport.ConnectionStats;
import io.p2proxy.transport.OpenMetadata;
import io.p2proxy.transport.QuicPeerConnection;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session with one remote peer: its UDP socket, ICE on it, and the QUIC connection that ICE's
 * selected pair carries. Everything here runs on {@link #loop} and is plain fields; public methods
 * must be called on it (the manager hops). The manager creates a session and is the only one that
 * closes it; a session closes itself only through the manager's {@code ended} callback.
 *
 * <p>The dialer (the peer that needed the session) is ICE-controlling, the QUIC client, and the one
 * that lingers and closes; the acceptor keeps its side until the QUIC connection ends.
 */
public final class PeerSession {

    private static final Logger log = LoggerFactory.getLogger(PeerSession.class);

    enum State { CONNECTING, CONNECTED, LINGERING, CLOSING }

    private record PendingOpen(String resource, OpenMetadata metadata, DuplexChannel tcp, Promise<Void> promise) {
    }

    private final SessionContext ctx;
    private final String peer;
    private final String sid;
    private final boolean dialer;
    private final EventLoop loop;
    private final Promise<Void> closed;
    private final ArrayDeque<PendingOpen> pending = new ArrayDeque<>();
    private final List<SessionSignal> early = new ArrayList<>();

    private PeerId peerId;
    private State state = State.CONNECTING;
    private DatagramChannel udp;
    private IcePath ice;
    private QuicPeerConnection quic;
    private int localStreams;
    private ScheduledFuture<?> lingerTimer;
    private ScheduledFuture<?> setupTimer;
    private ScheduledFuture<?> statsTimer;
    private EarlyDatagrams earlyQuic = new EarlyDatagrams();
    private final SessionPath path;
    private volatile SessionSnapshot snapshot;

    PeerSession(SessionContext ctx, String peer, PeerId peerId, String sid, boolean dialer, EventLoop loop) {
        this.ctx = ctx;
        this.peer = peer;
        this.peerId = peerId;
        this.sid = sid;
        this.dialer = dialer;
        this.loop = loop;
        this.closed = loop.newPromise();
        this.path = new SessionPath(ctx, peer, loop, new PathEvents());
        this.snapshot = snapshot(null);
    }

    /** A new session that will send an offer. */
    public static PeerSession dial(SessionContext ctx, String peer, String sid, EventLoop loop) {
        PeerSession s = new PeerSession(ctx, peer, null, sid, true, loop);
        s.open(null);
        return s;
    }

    /** A new session that answers {@code offer} from {@code peerId} (verified by the server, pinned). */
    public static PeerSession accept(SessionContext ctx, String peer, PeerId peerId, SessionSignal.Offer offer,
            EventLoop loop) {
        PeerSession s = new PeerSession(ctx, peer, peerId, offer.session(), false, loop);
        s.open(offer);
        return s;
    }

    public String sid() {
        return sid;
    }

    public String peer() {
        return peer;
    }

    public boolean dialer() {
        return dialer;
    }

    /** True while a dialer still waits for the answer: the window in which offers can cross. */
    public boolean awaitingAnswer() {
        return dialer && peerId == null && state == State.CONNECTING;
    }

    public Future<Void> closeFuture() {
        return closed;
    }

    public SessionSnapshot snapshot() {
        return snapshot;
    }

    private void open(SessionSignal.Offer offer) {
        setupTimer = loop.schedule(() -> fail(Failure.NO_PATH, "no working path to " + peer + " within "
                + ctx.settings().setupTimeout().toSeconds() + " s"), ctx.settings().setupTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        ChannelFuture bound = new Bootstrap().group(loop).channel(Transports.datagram())
                .option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new ChannelInboundHandlerAdapter()).bind(new InetSocketAddress(ctx.settings().bind(), 0));
        udp = (DatagramChannel) bound.channel();
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                fail(Failure.NO_PATH, "cannot open a UDP socket: " + f.cause().getMessage());
                return;
            }
            if (state == State.CLOSING) {
                return;
            }
            if (!dialer) {
                udp.pipeline().addLast(EarlyDatagrams.NAME, earlyQuic);
            }
            ice = ctx.settings().ice().create(udp, dialer, new IceEvents());
            if (offer == null) {
                send(new SessionSignal.Offer(sid, ice.ufrag(), ice.pwd(), List.of(), false));
            } else {
                if (!remoteCredentials(offer.ufrag(), offer.pwd())) {
                    return;
                }
                addCandidates(offer.candidates(), offer.done());
                send(new SessionSignal.Answer(sid, ice.ufrag(), ice.pwd(), List.of(), false));
            }
            ice.start();
            path.started(ice);
            List<SessionSignal> queued = List.copyOf(early);
            early.clear();
            queued.forEach(this::receive);
        });
    }

    /** A signal for this session (same sid), from the verified {@code fromId}. */
    public void receive(SessionSignal signal) {
        if (state == State.CLOSING) {
            return;
        }
        if (ice == null) {
            early.add(signal);
            return;
        }
        if (signal instanceof SessionSignal.Answer a && dialer) {
            if (remoteCredentials(a.ufrag(), a.pwd())) {
                addCandidates(a.candidates(), a.done());
            }
        } else if (signal instanceof SessionSignal.Candidates c) {
            addCandidates(c.candidates(), c.done());
        } else if (signal instanceof SessionSignal.Hello h && !h.reply()) {
            ctx.signaling().send(peer, new SessionSignal.Hello(sid, true).toJson());
        } else if (signal instanceof SessionSignal.Bye b) {
            log.info("session with {}: {} ended it ({})", peer, peer, b.reason());
            SessionException e = new SessionException(Failure.CLOSED, peer + " ended the session: " + b.reason());
            while (!pending.isEmpty()) {
                pending.poll().promise().tryFailure(e);
            }
            close(b.reason());
        }
    }

    /** The dialer learns the peer's id from the answer's verified sender id. */
    public void answeredBy(PeerId id) {
        if (dialer && peerId == null) {
            peerId = id;
        }
    }

    private boolean remoteCredentials(String ufrag, String pwd) {
        try {
            ice.remoteCredentials(ufrag, pwd);
            return true;
        } catch (IllegalArgumentException e) {
            fail(Failure.NO_PATH, peer + " sent unusable ICE credentials: " + e.getMessage());
            return false;
        }
    }

    private void addCandidates(List<String> candidates, boolean done) {
        try {
            ice.addRemoteCandidates(candidates, done);
        } catch (IllegalArgumentException e) {
            log.warn("session with {}: ignored bad candidates: {}", peer, e.getMessage());
        }
    }

    private void send(SessionSignal signal) {
        if (!ctx.signaling().send(peer, signal.toJson()) && state == State.CONNECTING) {
            fail(Failure.SERVER_UNREACHABLE, "the rendezvous server is not reachable, so no session to " + peer
                    + " can start");
        }
    }

    /**
     * Opens a stream for {@code tcp} (registered on this loop, AUTO_READ off, half-closure allowed).
     * The promise fails with a {@link SessionException} or the transport's StreamOpenException.
     */
    public void openStream(String resource, OpenMetadata metadata, DuplexChannel tcp, Promise<Void> promise) {
        if (state == State.CLOSING) {
            promise.tryFailure(new SessionException(Failure.CLOSED, "the session with " + peer + " is closing"));
            return;
        }
        localStreams++;
        tcp.closeFuture().addListener(f -> streamEnded());
        cancelLinger();
        if (state == State.LINGERING) {
            state = State.CONNECTED;
            refreshSnapshot();
        }
        PendingOpen p = new PendingOpen(resource, metadata, tcp, promise);
        if (quic != null) {
            forward(p);
        } else {
            pending.add(p);
        }
    }

    private void forward(PendingOpen p) {
        quic.openStream(p.resource(), p.metadata(), p.tcp()).addListener(f -> {
            if (f.isSuccess()) {
                p.promise().trySuccess(null);
            } else {
                p.promise().tryFailure(f.cause());
            }
        });
    }

    private void streamEnded() {
        localStreams--;
        if (localStreams == 0 && dialer && state == State.CONNECTED) {
            armLinger();
        }
    }

    private void armLinger() {
        state = State.LINGERING;
        refreshSnapshot();
        lingerTimer = loop.schedule(this::lingerExpired, ctx.settings().linger().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void lingerExpired() {
        lingerTimer = null;
        if (state != State.LINGERING) {
            return;
        }
        quic.stats().addListener(f -> {
            // Streams the peer opened towards us keep the session too.
            ConnectionStats s = f.isSuccess() ? (ConnectionStats) f.getNow() : null;
            if (state != State.LINGERING) {
                return;
            }
            if (s != null && s.openStreams() > 0) {
                armLinger();
            } else {
                log.info("session with {}: closing, idle for {}", peer, io.p2proxy.common.Durations.format(ctx.settings().linger()));
                ctx.signaling().send(peer, new SessionSignal.Bye(sid, "idle").toJson());
                close("idle");
            }
        });
    }

    private void cancelLinger() {
        if (lingerTimer != null) {
            lingerTimer.cancel(false);
            lingerTimer = null;
        }
    }

    private final class IceEvents implements IcePath.Listener {
        @Override
        public void localCandidate(String candidate) {
            send(new SessionSignal.Candidates(sid, List.of(candidate), false));
        }

        @Override
        public void gatheringDone() {
            send(new SessionSignal.Candidates(sid, List.of(), true));
        }

        @Override
        public void selected(InetSocketAddress address, InetSocketAddress via, String kind, String why) {
            if (state != State.CLOSING) {
                path.selected(address, via, kind, why);
            }
        }

        @Override
        public void failed(String reason) {
            if (state != State.CLOSING) {
                path.failed(reason);
            }
        }

        @Override
        public void consentLost(String reason) {
            if (state != State.CLOSING) {
                path.consentLost(reason);
            }
        }
    }

    private final class PathEvents implements SessionPath.Owner {
        @Override
        public void firstPath() {
            startQuic();
        }

        @Override
        public void noPath(String reason) {
            fail(Failure.NO_PATH, reason);
        }
    }

    /** After the server came back: a hello (answered by the peer), so the server introduces us again. */
    public void reintroduce() {
        if (state != State.CLOSING && ice != null) {
            ctx.signaling().send(peer, new SessionSignal.Hello(sid, false).toJson());
        }
    }

    /** A datagram from the peer through the server relay; ownership moves here. On the loop. */
    public void relayReceived(io.netty.buffer.ByteBuf datagram) {
        if (state == State.CLOSING) {
            datagram.release();
            return;
        }
        path.relayReceived(datagram);
    }

    private void startQuic() {
        if (peerId == null) {
            fail(Failure.NO_PATH, "a path to " + peer + " was ready before it answered");
            return;
        }
        quic = dialer
                ? QuicPeerConnection.dial(udp, ctx.identity(), peerId, null, ctx.resolver(), ctx.settings().transport())
                : QuicPeerConnection.accept(udp, ctx.identity(), peerId, null, ctx.resolver(), ctx.settings().transport());
        path.apply(quic);
        if (earlyQuic != null) {
            earlyQuic.replayLater(udp.pipeline()); // queued behind the connection's own start
            earlyQuic = null;
        }
        quic.closeFuture().addListener(f -> {
            if (state != State.CLOSING) {
                log.warn("session with {}: connection lost (closed by the peer, or no packets within the idle"
                        + " timeout); its streams were reset", peer);
                close("connection lost");
            }
        });
        quic.authenticated().addListener(f -> {
            if (!f.isSuccess()) {
                fail(f.cause() instanceof io.p2proxy.transport.PeerIdMismatchException ? Failure.PEER_ID_MISMATCH
                        : Failure.NO_PATH, "QUIC with " + peer + " failed: " + f.cause().getMessage());
                return;
            }
            if (state == State.CONNECTING) {
                state = State.CONNECTED;
                cancelSetupTimer();
                log.info("session with {} ({}) connected: {}", peer, peerId.shortForm(), describePath());
                if (dialer && localStreams == 0) {
                    armLinger();
                }
                statsTimer = loop.scheduleAtFixedRate(this::refreshSnapshot, 0, 1, TimeUnit.SECONDS);
            }
        });
        while (!pending.isEmpty()) {
            forward(pending.poll());
        }
    }

    private String describePath() {
        if (path.remote() == null) {
            return "relay through the rendezvous server";
        }
        return path.kind() + " path to " + io.p2proxy.common.HostPort.of(path.remote()) + ", "
                + String.format("%.1f", path.rttMillis()) + " ms";
    }

    private void cancelSetupTimer() {
        if (setupTimer != null) {
            setupTimer.cancel(false);
            setupTimer = null;
        }
    }

    /** Moves streams still waiting here to {@code next} (crossed offers: the peer's session won). */
    public void handOverPending(PeerSession next) {
        while (!pending.isEmpty()) {
            PendingOpen p = pending.poll();
            next.openStream(p.resource(), p.metadata(), p.tcp(), p.promise());
        }
    }

    /** Ends the session with one log line; pending streams fail with {@code failure}. */
    public void fail(Failure failure, String reason) {
        if (state == State.CLOSING) {
            return;
        }
        log.warn("session with {}: {}", peer, reason);
        SessionException e = new SessionException(failure, reason);
        while (!pending.isEmpty()) {
            pending.poll().promise().tryFailure(e);
        }
        if (quic == null) {
            ctx.signaling().send(peer, new SessionSignal.Bye(sid, reason).toJson());
        }
        close(reason);
    }

    /** Idempotent; resets whatever streams remain, releases the socket, completes {@link #closeFuture()}. */
    public Future<Void> close(String reason) {
        if (state == State.CLOSING) {
            return closed;
        }
        state = State.CLOSING;
        cancelLinger();
        cancelSetupTimer();
        if (statsTimer != null) {
            statsTimer.cancel(false);
        }
        SessionException e = new SessionException(Failure.CLOSED, "session with " + peer + " closed: " + reason);
        while (!pending.isEmpty()) {
            pending.poll().promise().tryFailure(e);
        }
        path.close();
        if (ice != null) {
            ice.close();
        }
        Future<Void> quicClosed = quic != null ? quic.close() : loop.newSucceededFuture(null);
        quicClosed.addListener(f -> udp.close().addListener(c -> closed.trySuccess(null)));
        refreshSnapshot();
        return closed;
    }

    private void refreshSnapshot() {
        if (quic == null || state == State.CLOSING) {
            snapshot = snapshot(null);
            return;
        }
        quic.stats().addListener(f -> snapshot = snapshot(f.isSuccess() ? (ConnectionStats) f.getNow() : null));
    }

    private SessionSnapshot snapshot(ConnectionStats s) {
        return new SessionSnapshot(peer, peerId == null ? "" : peerId.value(), state.name().toLowerCase(java.util.Locale.ROOT),
                path.kind(), path.remote() == null ? "" : io.p2proxy.common.HostPort.of(path.remote()).toString(),
                s == null ? -1 : Math.round(s.rttMillis() * 10) / 10.0, s == null ? localStreams : s.openStreams(),
                s == null ? 0 : s.bytesSent(), s == null ? 0 : s.bytesReceived(), path.reason());
    }
}
