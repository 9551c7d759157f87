package io.p2proxy.session.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.p2proxy.common.Durations;
import io.p2proxy.common.HostPort;
import io.p2proxy.transport.QuicPeerConnection;
import io.p2proxy.transport.RelayLink;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which way a session's QUIC datagrams take, and why: ICE's selected pair (direct, or through
 * TURN), else the rendezvous server's relay. Policy:
 * <ul>
 *   <li>no pair selected {@code relayAfter} after ICE started, or ICE failed: the server relay, where
 *       the server offers it (ICE keeps checking; the first pair it selects takes over at once);</li>
 *   <li>a datagram arrives through the relay while no pair is selected: the peer relays, so do we;</li>
 *   <li>relayed after ICE gave up: ICE tries again every {@code relayRetry};</li>
 *   <li>the selected pair loses consent: back to the relay, and retrying.</li>
 * </ul>
 * Moving between ways never touches the QUIC connection, so no stream notices. On the session's loop.
 */
final class SessionPath {

    private static final Logger log = LoggerFactory.getLogger(SessionPath.class);
    private static final String RELAY = "relay";

    /** What the session does when the first way is known. */
    interface Owner {
        /** The first way is known: start QUIC; {@link #apply} follows at once. */
        void firstPath();

        /** No way at all: the session fails. */
        void noPath(String reason);
    }

    private final SessionContext ctx;
    private final String peer;
    private final EventLoop loop;
    private final Owner owner;
    private final RelayLink relayLink;
    private IcePath ice;
    private QuicPeerConnection quic;
    private String kind = "";
    private String why = "";
    private InetSocketAddress remote;
    private InetSocketAddress via;
    private boolean iceFailed;
    private ScheduledFuture<?> fallback;
    private ScheduledFuture<?> retry;

    SessionPath(SessionContext ctx, String peer, EventLoop loop, Owner owner) {
        this.ctx = ctx;
        this.peer = peer;
        this.loop = loop;
        this.owner = owner;
        this.relayLink = datagram -> ctx.signaling().relay(peer, datagram);
    }

    /** ICE is running: the relay fallback timer starts. */
    void started(IcePath ice) {
        this.ice = ice;
        if (ctx.signaling().relayAvailable()) {
            long after = ctx.settings().relayAfter().toMillis();
            fallback = loop.schedule(() -> useRelay("no direct pair succeeded within "
                    + Durations.format(ctx.settings().relayAfter())), after, TimeUnit.MILLISECONDS);
        }
    }

    /** QUIC exists now: point it where the path is. */
    void apply(QuicPeerConnection quic) {
        this.quic = quic;
        if (relayed()) {
            quic.useRelay(relayLink);
        } else if (remote != null) {
            quic.setRemote(remote, via);
        }
    }

    String kind() {
        return kind;
    }

    /** Why this path ("" before the first); for the relay with what the candidates tell by now about the NATs. */
    String reason() {
        return kind.isEmpty() ? "" : kind + ": " + whyWithClues();
    }

    private String whyWithClues() {
        String clues = relayed() && ice != null ? ice.diagnosis() : "";
        return clues.isEmpty() ? why : why + "; " + clues;
    }

    private boolean relayed() {
        return RELAY.equals(kind);
    }

    InetSocketAddress remote() {
        return remote;
    }

    double rttMillis() {
        return relayed() || ice == null ? -1 : ice.rttMillis();
    }

    /** ICE selected a pair (first, better, or again after a retry). */
    void selected(InetSocketAddress address, InetSocketAddress turnVia, String pathKind, String why) {
        cancelTimers();
        boolean first = kind.isEmpty();
        boolean changed = relayed() || !address.equals(remote);
        String from = kind;
        iceFailed = false;
        remote = address;
        via = turnVia;
        kind = pathKind;
        this.why = why;
        if (first) {
            owner.firstPath();
        } else if (changed) {
            log.info("session with {}: path now {} {} ({}; was {})", peer, pathKind, HostPort.of(address), why, from);
        }
        if (quic != null && changed) {
            quic.setRemote(address, turnVia);
        }
    }

    /** ICE has no working pair now. */
    void failed(String why) {
        iceFailed = true;
        if (relayed()) {
            scheduleRetry(); // a retry failed: try again later
        } else if (ctx.signaling().relayAvailable()) {
            useRelay("no direct pair succeeded: " + why);
        } else if (kind.isEmpty()) {
            owner.noPath("no path to " + peer + ": " + why + "; the server offers no relay");
        }
    }

    /** The selected pair stopped answering. */
    void consentLost(String why) {
        iceFailed = true;
        if (ctx.signaling().relayAvailable()) {
            useRelay("the direct path stopped answering (" + why + ")");
        } else {
            log.warn("session with {}: the {} path stopped answering ({}) and the server offers no relay", peer, kind, why);
        }
    }

    /** A datagram from the peer through the server relay; ownership moves here. */
    void relayReceived(ByteBuf datagram) {
        if (!relayed() && remote == null && ctx.signaling().relayAvailable()) {
            useRelay("the peer reached us through the relay first");
        }
        if (quic == null) {
            datagram.release();
            return;
        }
        quic.relayReceived(datagram);
    }

    private void useRelay(String why) {
        cancelFallback();
        if (relayed() || !ctx.signaling().relayAvailable()) {
            return;
        }
        boolean first = kind.isEmpty();
        kind = RELAY;
        this.why = why;
        remote = null;
        via = null;
        log.info("session with {}: path relay through the rendezvous server ({})", peer, whyWithClues());
        if (first) {
            owner.firstPath();
        }
        if (quic != null) {
            quic.useRelay(relayLink);
        }
        if (iceFailed) {
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        if (retry != null || ice == null) {
            return;
        }
        long every = ctx.settings().relayRetry().toMillis();
        retry = loop.schedule(() -> {
            retry = null;
            if (relayed()) {
                log.debug("session with {}: trying direct again", peer);
                ice.retry();
            }
        }, every, TimeUnit.MILLISECONDS);
    }

    private void cancelFallback() {
        if (fallback != null) {
            fallback.cancel(false);
            fallback = null;
        }
    }

    private void cancelTimers() {
        cancelFallback();
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    void close() {
        cancelTimers();
    }
}
