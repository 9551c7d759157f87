package io.p2proxy.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.p2proxy.common.Identity;
import io.p2proxy.common.PeerId;
import io.p2proxy.common.PeerName;
import io.p2proxy.common.ResourceAddress;
import io.p2proxy.session.SessionException.Failure;
import io.p2proxy.session.internal.PeerSession;
import io.p2proxy.session.internal.SessionContext;
import io.p2proxy.transport.OpenMetadata;
import io.p2proxy.transport.StreamResolver;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one session per remote peer. Everything about peer X happens on X's event loop
 * ({@link #loopFor}), which is fixed for the life of the manager: the map entry for X, its
 * session, and the TCP sockets spliced into it. Two peers that dial each other at once converge on
 * one session: the offer of the peer with the lower id wins.
 */
public final class SessionManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Identity identity;
    private final EventLoopGroup group;
    private final KnownPeers known;
    private final SessionContext ctx;
    private final Map<String, EventLoop> loops = new ConcurrentHashMap<>();
    private final Map<String, PeerSession> sessions = new ConcurrentHashMap<>();
    private final Map<PeerId, String> names = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SessionManager(Identity identity, EventLoopGroup group, Signaling signaling, StreamResolver resolver,
            KnownPeers known, SessionSettings settings) {
        this.identity = identity;
        this.group = group;
        this.known = known;
        this.ctx = new SessionContext(identity, signaling, resolver, settings);
    }

    /** The verified name of a peer id seen through signaling, or null. */
    public String nameOf(PeerId id) {
        return names.get(id);
    }

    /** The event loop of every session and spliced socket for {@code peer}; stable. */
    public EventLoop loopFor(String peer) {
        return loops.computeIfAbsent(PeerName.check(peer), p -> group.next());
    }

    /**
     * Opens a stream to {@code to} for {@code tcp}, which must be registered on
     * {@code loopFor(to.peer())} with AUTO_READ off. Reuses the session to that peer or starts one;
     * streams opened while it connects wait. The future fails with a {@link SessionException} or the
     * transport's StreamOpenException; either way {@code tcp} is reset by the caller.
     */
    public Future<Void> openStream(ResourceAddress to, OpenMetadata metadata, DuplexChannel tcp) {
        EventLoop loop = loopFor(to.peer());
        Promise<Void> promise = loop.newPromise();
        loop.execute(() -> {
            if (closed) {
                promise.tryFailure(new SessionException(Failure.CLOSED, "shutting down"));
                return;
            }
            PeerSession s = sessions.get(to.peer());
            if (s == null) {
                s = track(PeerSession.dial(ctx, to.peer(), newSid(), loop));
            }
            s.openStream(to.resource(), metadata, tcp, promise);
        });
        return promise;
    }

    /** A signal from another peer; {@code from} and {@code fromId} were verified by the server. */
    public void onSignal(String from, String fromId, JsonNode payload) {
        if (!PeerName.isValid(from) || !PeerId.isValid(fromId)) {
            return;
        }
        SessionSignal signal;
        try {
            signal = SessionSignal.fromJson(payload);
        } catch (IllegalArgumentException e) {
            log.warn("ignored a malformed session signal from {}: {}", from, e.getMessage());
            return;
        }
        PeerId id = new PeerId(fromId);
        loopFor(from).execute(() -> dispatch(from, id, signal));
    }

    private void dispatch(String from, PeerId id, SessionSignal signal) {
        if (closed) {
            return;
        }
        if (known.check(from, id) == KnownPeers.Verdict.MISMATCH) {
            log.error("refused peer {}: it presents id {} but {} is pinned for that name (known_peers); "
                    + "if its key really changed, remove its line", from, id, known.pinned(from));
            PeerSession s = sessions.get(from);
            if (s != null) {
                s.fail(Failure.PEER_ID_MISMATCH, "peer id mismatch for " + from);
            }
            return;
        }
        names.put(id, from);
        PeerSession current = sessions.get(from);
        if (signal instanceof SessionSignal.Offer offer) {
            if (current != null && current.sid().equals(offer.session())) {
                return; // a duplicate
            }
            if (current != null && current.awaitingAnswer()) {
                if (identity.id().value().compareTo(id.value()) < 0) {
                    return; // our offers crossed; ours wins (lower id), theirs is dropped
                }
                log.debug("offers to {} crossed; its offer wins (lower id)", from);
            } else if (current != null) {
                log.info("peer {} started a new session; the old one is replaced", from);
            }
            PeerSession next = track(PeerSession.accept(ctx, from, id, offer, loopFor(from)));
            if (current != null) {
                current.handOverPending(next);
                current.close("replaced by a new session");
            }
            return;
        }
        if (current == null || !current.sid().equals(signal.session())) {
            return; // for a session that no longer exists
        }
        if (signal instanceof SessionSignal.Answer) {
            current.answeredBy(id);
        }
        current.receive(signal);
    }

    /**
     * A QUIC datagram from {@code from} (verified by the server) through the server relay; ownership
     * moves here. Only a session with that peer takes it; otherwise it is dropped.
     */
    public void onRelay(String from, io.netty.buffer.ByteBuf datagram) {
        if (closed || !PeerName.isValid(from)) {
            datagram.release();
            return;
        }
        try {
            loopFor(from).execute(() -> {
                PeerSession s = sessions.get(from);
                if (s == null || closed) {
                    datagram.release();
                } else {
                    s.relayReceived(datagram);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            datagram.release();
        }
    }

    /**
     * The rendezvous server is back (a new login): each session signals its peer once, so that the
     * server introduces the pair again and a relayed session keeps its relay.
     */
    public void signalingRestored() {
        for (PeerSession s : List.copyOf(sessions.values())) {
            loopFor(s.peer()).execute(s::reintroduce);
        }
    }

    /** A signaling error about {@code peer} (offline, unknown): its connecting session fails. */
    public void onPeerUnreachable(String peer, String reason) {
        if (!PeerName.isValid(peer)) {
            return;
        }
        loopFor(peer).execute(() -> {
            PeerSession s = sessions.get(peer);
            if (s != null && s.awaitingAnswer()) {
                s.fail(Failure.PEER_UNREACHABLE, reason);
            }
        });
    }

    private PeerSession track(PeerSession s) {
        sessions.put(s.peer(), s);
        s.closeFuture().addListener(f -> sessions.remove(s.peer(), s));
        return s;
    }

    private static String newSid() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public List<SessionSnapshot> sessions() {
        List<SessionSnapshot> out = new ArrayList<>();
        sessions.values().forEach(s -> out.add(s.snapshot()));
        return out;
    }

    public int size() {
        return sessions.size();
    }

    /** Closes every session (their streams are reset) and waits for them, up to 10 s. */
    @Override
    public void close() {
        closed = true;
        List<Future<Void>> done = new ArrayList<>();
        for (PeerSession s : List.copyOf(sessions.values())) {
            Promise<Void> p = loopFor(s.peer()).newPromise();
            loopFor(s.peer()).execute(() -> s.close("shutting down").addListener(f -> p.trySuccess(null)));
            done.add(p);
        }
        for (Future<Void> f : done) {
            f.awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
