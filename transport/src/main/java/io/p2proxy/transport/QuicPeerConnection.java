package io.p2proxy.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.p2proxy.common.Identity;
import io.p2proxy.common.PeerId;
import io.p2proxy.common.PeerName;
import io.p2proxy.transport.internal.PeerCore;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The QUIC transport between this peer and one other, on one UDP socket that someone else (ICE)
 * owns and aims. The dialing peer is the QUIC client, the other the server; both may open streams
 * and both serve the streams the other opens, through their {@link StreamResolver}.
 *
 * <p><b>Connected is not authenticated.</b> With TLS 1.3 the client finishes its handshake before
 * the server has checked the client's certificate. {@link #authenticated()} completes on the
 * dialer when the first stream is answered (OPEN then OK), on the acceptor when its handshake has
 * verified the dialer. A peer id mismatch fails opens with {@link OpenError#AUTHENTICATION_FAILED}
 * and a {@link PeerIdMismatchException} cause naming both ids.
 *
 * <p><b>Threading.</b> Everything of this peer pair runs on the UDP channel's event loop
 * ({@link #eventLoop()}): QUIC connections, streams, and the spliced TCP sockets, which must be
 * registered on that same loop. Public methods may be called from any thread; they hop onto it.
 *
 * <p><b>Ownership.</b> This object adds its handlers to the UDP pipeline and removes them on
 * {@link #close()}; it never closes the UDP channel, whose creator does.
 */
public final class QuicPeerConnection {

    private final PeerCore core;

    private QuicPeerConnection(PeerCore core) {
        this.core = core;
        core.loop().execute(core::start);
    }

    /** The QUIC client side: starts a handshake towards {@code remoteAddress} at once. */
    public static QuicPeerConnection dial(DatagramChannel udp, Identity local, PeerId remote,
                                          InetSocketAddress remoteAddress, StreamResolver resolver,
                                          TransportConfig config) {
        return new QuicPeerConnection(core(udp, local, remote, remoteAddress, resolver, config, true));
    }

    /** The QUIC server side: accepts connections from {@code remote} only, arriving via the path. */
    public static QuicPeerConnection accept(DatagramChannel udp, Identity local, PeerId remote,
                                            InetSocketAddress remoteAddress, StreamResolver resolver,
                                            TransportConfig config) {
        return new QuicPeerConnection(core(udp, local, remote, remoteAddress, resolver, config, false));
    }

    private static PeerCore core(DatagramChannel udp, Identity local, PeerId remote, InetSocketAddress remoteAddress,
                                 StreamResolver resolver, TransportConfig config, boolean dialer) {
        Objects.requireNonNull(udp, "udp");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(config, "config");
        if (!udp.isRegistered()) {
            throw new IllegalArgumentException("udp: not registered (expected: a bound channel on its event loop)");
        }
        return new PeerCore(udp, local, remote, remoteAddress, resolver, config, dialer);
    }

    /**
     * Opens a stream to {@code resource} at the peer and splices {@code tcp} with it. Data read from
     * {@code tcp} follows OPEN at once, before any answer. The future completes when the peer
     * answers OK, or fails with a {@link StreamOpenException}; on failure {@code tcp} is closed with
     * RST. {@code tcp} must be registered on {@link #eventLoop()} with AUTO_READ off and
     * ALLOW_HALF_CLOSURE on from the start (as child options of the listener): a client that sends
     * and half-closes at once would otherwise be closed by Netty before the stream exists.
     */
    public Future<Void> openStream(String resource, OpenMetadata metadata, DuplexChannel tcp) {
        PeerName.check(resource);
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(tcp, "tcp");
        if (tcp.eventLoop() != eventLoop()) {
            throw new IllegalArgumentException("tcp: registered on " + tcp.eventLoop()
                    + " (expected: this connection's loop " + eventLoop() + ")");
        }
        Promise<Void> promise = eventLoop().newPromise();
        eventLoop().execute(() -> core.open(resource, metadata, tcp, promise));
        return promise;
    }

    /** Sends to {@code real} from now on, and accepts datagrams from it (ICE's selected pair). */
    public void setRemote(InetSocketAddress real) {
        setRemote(real, null);
    }

    /**
     * As {@link #setRemote(InetSocketAddress)}; a non-null {@code via} (a TURN relayed address)
     * sends through that TURN allocation. Takes effect at once when called on the loop, so a path
     * chosen right after {@link #dial} carries the very first handshake packet.
     */
    public void setRemote(InetSocketAddress real, InetSocketAddress via) {
        Objects.requireNonNull(real, "real");
        onLoop(() -> core.path().setRemote(real, via));
    }

    /** Sends through the server relay from now on (until the next {@link #setRemote}); see {@link PathHandler#useRelay}. */
    public void useRelay(RelayLink link) {
        Objects.requireNonNull(link, "link");
        onLoop(() -> core.path().useRelay(link));
    }

    /**
     * A datagram the server relay delivered from the peer; ownership moves here. Always queued on
     * the loop, so that a connection created just now has its pipeline in place first.
     */
    public void relayReceived(io.netty.buffer.ByteBuf datagram) {
        Objects.requireNonNull(datagram, "datagram");
        try {
            eventLoop().execute(() -> core.path().relayReceived(datagram));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            datagram.release();
        }
    }

    private void onLoop(Runnable task) {
        if (eventLoop().inEventLoop()) {
            task.run();
        } else {
            eventLoop().execute(task);
        }
    }

    /** Accepts datagrams from {@code address} too, without sending to it. */
    public void validate(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        eventLoop().execute(() -> core.path().validate(address));
    }

    /** Completes once the peer has proven {@link #remotePeer()} and accepted ours; see the class comment. */
    public Future<Void> authenticated() {
        return core.authenticated();
    }

    public Future<ConnectionStats> stats() {
        Promise<ConnectionStats> promise = eventLoop().newPromise();
        eventLoop().execute(() -> {
            var traffic = core.traffic();
            QuicChannel primary = core.pool().primary();
            if (primary == null) {
                promise.setSuccess(new ConnectionStats(-1, traffic.sent(), traffic.received(),
                        core.pool().streams(), 0, 0));
                return;
            }
            primary.collectPathStats(0).addListener(f -> {
                double rtt = -1;
                long lost = 0;
                if (f.isSuccess()) {
                    var s = (io.netty.handler.codec.quic.QuicConnectionPathStats) f.getNow();
                    rtt = s.rtt() / 1_000_000.0;
                    lost = s.lost();
                }
                promise.setSuccess(new ConnectionStats(rtt, traffic.sent(), traffic.received(),
                        core.pool().streams(), core.pool().size(), lost));
            });
        });
        return promise;
    }

    /**
     * Closes every QUIC connection (the peer sees an application close) and with them every stream;
     * spliced TCP sockets are reset. Idempotent; the future completes within the configured close
     * timeout, and by then the UDP pipeline is as it was before.
     */
    public Future<Void> close() {
        if (eventLoop().inEventLoop()) {
            return core.close();
        }
        eventLoop().execute(core::close);
        return core.closed();
    }

    /** Completes when this connection is closed, by {@link #close()} or because it was lost. */
    public Future<Void> closeFuture() {
        return core.closed();
    }

    public EventLoop eventLoop() {
        return core.loop();
    }

    public PeerId remotePeer() {
        return core.remote();
    }

    public boolean isDialer() {
        return core.dialer();
    }
}
