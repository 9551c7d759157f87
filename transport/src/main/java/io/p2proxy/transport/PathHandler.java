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
 * to come from {@link #VIRTUAL_REMOTE}. A switch of the real path is therefore invisible to QUIC:
 * no path validation or migration (RFC 9000 section 9), which quiche would refuse for a server
 * that changes address. QUIC cannot rediscover the path MTU behind such a switch, so the codec's
 * payload is capped at the smallest path's ({@code TransportConfig#maxUdpPayload}).
 *
 * <p>Demultiplexing (RFC 7983, RFC 9443): datagrams whose first byte is below 64 (STUN 0-3, DTLS
 * and others) never reach QUIC. An ICE handler placed before this one, under {@link #NAME}, takes
 * STUN first; whatever non-QUIC traffic still arrives here is dropped and counted.
 *
 * <p>All state belongs to the UDP channel's event loop; call {@link #setRemote} there.
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
    private InetSocketAddress remote;
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
        Objects.requireNonNull(real, "real");
        if (real.isUnresolved()) {
            throw new IllegalArgumentException("remote: " + real + " (expected: a resolved address)");
        }
        validated.add(real);
        if (!real.equals(remote)) {
            log.debug("path: remote {} -> {}", remote, real);
        }
        remote = real;
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
        ctx.fireChannelRead(new DatagramPacket(content, packet.recipient(), VIRTUAL_REMOTE));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof DatagramPacket packet) || !VIRTUAL_REMOTE.equals(packet.recipient())) {
            ctx.write(msg, promise);
            return;
        }
        if (remote == null) {
            droppedNoRemote++; // QUIC retransmits once a path exists
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return;
        }
        ctx.write(Datagrams.redirect(packet, remote), promise);
    }
}
