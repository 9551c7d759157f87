package io.p2proxy.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between the UDP socket and the QUIC codec so that QUIC only ever sees one fixed, virtual
 * remote address, whatever real path ICE picks. Outbound datagrams to {@link #VIRTUAL_REMOTE} go to
 * the current real remote; inbound datagrams are accepted only from validated addresses and appear
 * to come from {@link #VIRTUAL_REMOTE} to the socket's own address (also when they came through a TURN
 * relay and name its relayed address as recipient). A switch of the real path is therefore invisible to QUIC:
 * no path validation or migration (RFC 9000 section 9), which quiche would refuse for a server
 * that changes address. QUIC cannot rediscover the path MTU behind such a switch, so the codec's
 * payload is capped at the smallest path's ({@code TransportConfig#maxUdpPayload}).
 *
 * <p>Demultiplexing (RFC 7983, RFC 9443): datagrams whose first byte is below 64 (STUN 0-3, DTLS
 * and others) never reach QUIC. An ICE handler placed before this one, under {@link #NAME}, takes
 * STUN first; whatever non-QUIC traffic still arrives here is dropped and counted.
 *
 * <p>Ways out: a direct pair ({@link #setRemote(InetSocketAddress)}), a TURN relay (the same with
 * the relayed address as {@code via}: the TURN client ahead in the pipeline carries datagrams sent
 * from it), or the rendezvous server's relay ({@link #useRelay}), whose datagrams come back through
 * {@link #relayReceived}. Only one carries outbound datagrams at a time; inbound ones are accepted
 * from every way that was validated, so nothing in flight is lost when the path changes.
 *
 * <p>All state belongs to the UDP channel's event loop; call the setters there.
 */
public final class PathHandler extends ChannelDuplexHandler {

    /** The handler's name in the UDP pipeline; ICE adds itself before it. */
    public static final String NAME = "p2proxy-path";

    /**
     * What QUIC believes the remote is. A literal, routable-looking address: an unresolved address
     * crashes inside Netty's QUIC codec. 127.0.0.2:9 is never dialled, only rewritten.
     */
    public static final InetSocketAddress VIRTUAL_REMOTE = virtualRemote();

    private static final Logger log = LoggerFactory.getLogger(PathHandler.class);

    private final Set<InetSocketAddress> validated = new HashSet<>();
    private ChannelHandlerContext ctx;
    private InetSocketAddress remote;
    private InetSocketAddress via;
    private RelayLink relay;
    private boolean relayed;
    private long droppedUnknownSource;
    private long droppedNotQuic;
    private long droppedNoRemote;

    private static InetSocketAddress virtualRemote() {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), 9);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e); // four bytes are always an address
        }
    }

    public PathHandler(InetSocketAddress initialRemote) {
        if (initialRemote != null) {
            setRemote(initialRemote);
        }
    }

    /**
     * Sends from now on to {@code real} and accepts datagrams from it. Earlier validated addresses
     * stay accepted: packets still in flight on the old path must not be lost.
     */
    public void setRemote(InetSocketAddress real) {
        setRemote(real, null);
    }

    /**
     * As {@link #setRemote(InetSocketAddress)}, sending from {@code via} when it is not null: a TURN
     * relayed address (the pair's local candidate is a relay one).
     */
    public void setRemote(InetSocketAddress real, InetSocketAddress via) {
        Objects.requireNonNull(real, "real");
        if (real.isUnresolved()) {
            throw new IllegalArgumentException("remote: " + real + " (expected: a resolved address)");
        }
        validated.add(real);
        if (!real.equals(remote) || relayed) {
            log.debug("path: remote {} -> {}{}", relayed ? "relay" : remote, real, via != null ? " via TURN " + via : "");
        }
        remote = real;
        this.via = via;
        relayed = false;
    }

    /**
     * Sends every datagram through {@code link} from now on (the server relay), until the next
     * {@link #setRemote}. Datagrams from the relay are accepted from now on as well.
     */
    public void useRelay(RelayLink link) {
        relay = Objects.requireNonNull(link, "link");
        if (!relayed) {
            log.debug("path: remote {} -> relay", remote);
        }
        relayed = true;
    }

    /**
     * A datagram that came through the server relay (ownership moves here). Dropped unless a relay
     * was set with {@link #useRelay}: nothing reaches QUIC from a way this side never chose.
     */
    public void relayReceived(ByteBuf datagram) {
        if (ctx == null || relay == null || !datagram.isReadable() || datagram.getUnsignedByte(datagram.readerIndex()) < 64) {
            droppedNotQuic++;
            datagram.release();
            return;
        }
        ctx.fireChannelRead(new DatagramPacket(datagram, (InetSocketAddress) ctx.channel().localAddress(), VIRTUAL_REMOTE));
        ctx.fireChannelReadComplete();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Accepts datagrams from {@code address} (an ICE-validated pair) without sending to it. */
    public void validate(InetSocketAddress address) {
        validated.add(Objects.requireNonNull(address, "address"));
    }

    /** Stops accepting datagrams from {@code address}; the current remote cannot be removed. */
    public void invalidate(InetSocketAddress address) {
        if (!Objects.equals(address, remote)) {
            validated.remove(address);
        }
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /** Datagrams dropped: from unvalidated sources, not QUIC, or sent before any remote was set. */
    public long dropped() {
        return droppedUnknownSource + droppedNotQuic + droppedNoRemote;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!validated.contains(packet.sender())) {
            droppedUnknownSource++;
            packet.release();
            return;
        }
        ByteBuf content = packet.content();
        if (!content.isReadable() || content.getUnsignedByte(content.readerIndex()) < 64) {
            droppedNotQuic++; // RFC 7983: 0-3 STUN, 20-63 DTLS; ICE should have taken STUN already
            packet.release();
            return;
        }
        // The socket's address, not the packet's recipient: through a TURN relay that is the relayed
        // address, and QUIC (quiche) drops what a client receives on a local address it never used.
        ctx.fireChannelRead(new DatagramPacket(content, (InetSocketAddress) ctx.channel().localAddress(), VIRTUAL_REMOTE));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof DatagramPacket packet) || !VIRTUAL_REMOTE.equals(packet.recipient())) {
            ctx.write(msg, promise);
            return;
        }
        if (relayed) {
            for (ByteBuf datagram : Datagrams.segments(packet)) {
                relay.send(datagram);
            }
            promise.trySuccess();
            return;
        }
        if (remote == null) {
            droppedNoRemote++; // QUIC retransmits once a path exists
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return;
        }
        if (via == null) {
            ctx.write(Datagrams.redirect(packet, remote, null), promise);
            return;
        }
        for (ByteBuf datagram : Datagrams.segments(packet)) { // TURN carries one datagram at a time
            ctx.write(new DatagramPacket(datagram, remote, via));
        }
        promise.trySuccess();
    }
}
