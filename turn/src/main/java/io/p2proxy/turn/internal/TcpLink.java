package io.p2proxy.turn.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.p2proxy.common.Transports;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.turn.RelayedDatagramPacket;
import io.p2proxy.turn.TurnConfig;
import io.p2proxy.turn.TurnException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TURN over TCP (RFC 8656 §3.1) bridged into the peer's UDP channel. The link owns a TCP channel
 * on the UDP channel's event loop whose pipeline looks to the TURN client like a datagram channel
 * to the server: {@link TurnStreamDecoder} cuts the stream into messages, {@link StreamAdapter}
 * turns each into a {@code DatagramPacket} from the server (and back into bytes on the way out),
 * then come the same {@link TurnHandler} and {@code StunClient} as over UDP, and at the tail a
 * {@link UdpBridge} that fires what the TURN handler unwrapped ({@link RelayedDatagramPacket}s)
 * into the UDP pipeline. On the UDP channel, a {@link RelayDivert} first in line takes
 * {@code DatagramPacket(data, peer, relayed)} writes to the TCP pipeline, where the TURN handler
 * wraps them. So ICE and the path layer see exactly what they see over UDP.
 *
 * <p>No reconnect: losing the connection loses the allocation (one log line, a lost event). The
 * link closes its TCP channel when the client is closed or the UDP channel closes. Event loop only,
 * but for {@link #open}.
 */
public final class TcpLink {

    private static final Logger log = LoggerFactory.getLogger("io.p2proxy.turn.TurnClient");
    /** Room for a QUIC congestion window; beyond it datagrams are dropped as a full UDP socket would. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 1024 * 1024);

    private final Channel udp;
    private final Channel tcp;
    private final TurnConfig config;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final ChannelFutureListener udpClosed;
    private AllocationCore core;
    private RelayDivert divert;
    private boolean closing;
    private Throwable failure;

    private TcpLink(Channel udp, TurnConfig config) {
        this.udp = udp;
        this.config = config;
        this.tcp = new Bootstrap().group(udp.eventLoop()).channel(Transports.socket())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new UdpBridge()).register().channel();
        this.udpClosed = f -> tcp.close();
    }

    /** A TCP channel on {@code udp}'s event loop with the bridge at its tail, not yet connected. */
    public static TcpLink open(Channel udp, TurnConfig config) {
        return new TcpLink(udp, config);
    }

    /** The TCP channel: the TURN client attaches its StunClient and handler to it. */
    public Channel channel() {
        return tcp;
    }

    /** Puts the framing ahead of the TURN handler, the divert on the UDP channel, and connects. */
    public void start(AllocationCore core) {
        this.core = core;
        this.divert = new RelayDivert(core.relay);
        tcp.pipeline().addFirst("turn-stream", new StreamAdapter());
        tcp.pipeline().addFirst("turn-framing", new TurnStreamDecoder());
        udp.pipeline().addFirst("turn-tcp " + config.server(), divert);
        udp.closeFuture().addListener(udpClosed);
        tcp.connect(config.server()).addListener(f -> {
            if (f.isSuccess()) {
                connected.complete(null);
                return;
            }
            if (!closing) {
                log.warn("TURN server {} over TCP: cannot connect: {}", config.server(), f.cause().toString());
            }
            connected.completeExceptionally(new TurnException(TurnException.Reason.CLOSED, config.server(),
                    StunMethod.ALLOCATE, 0, "TCP connect failed: " + f.cause(), null));
        });
    }

    /** Completes once connected; fails (with a {@link TurnException}) if the connection cannot be made. */
    public CompletableFuture<Void> connected() {
        return connected.copy();
    }

    /** Detaches from the UDP channel and closes the TCP channel; completes when it is closed. */
    public CompletableFuture<Void> close() {
        closing = true;
        udp.closeFuture().removeListener(udpClosed);
        if (divert != null && udp.pipeline().context(divert) != null) {
            udp.pipeline().remove(divert);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        tcp.close().addListener(f -> done.complete(null));
        return done;
    }

    /** Stream messages in as datagrams from the server; datagrams to the server out as bytes. */
    private final class StreamAdapter extends ChannelDuplexHandler {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf frame) {
                ctx.fireChannelRead(new DatagramPacket(frame, (InetSocketAddress) ctx.channel().localAddress(),
                        config.server()));
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof DatagramPacket packet && config.server().equals(packet.recipient())) {
                ctx.write(packet.content(), promise);
            } else {
                ReferenceCountUtil.release(msg);
                promise.tryFailure(new IllegalArgumentException("not for the TURN server: " + msg));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // Ahead of the TURN handler, which would otherwise only see a quiet shutdown.
            if (!closing && core != null) {
                core.connectionLost(failure == null ? "closed by the server" : failure.toString());
            }
            ctx.fireChannelInactive();
        }
    }

    /** The TCP pipeline's tail: relayed datagrams into the UDP pipeline, the rest released; errors close. */
    private final class UdpBridge extends ChannelInboundHandlerAdapter {

        private boolean forwarded;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof RelayedDatagramPacket relayed && udp.isActive()) {
                forwarded = true;
                udp.pipeline().fireChannelRead(relayed);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // QUIC flushes what it has to send on read-complete, as after a batch of UDP reads.
            if (forwarded) {
                forwarded = false;
                udp.pipeline().fireChannelReadComplete();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Logged once, with the loss of the allocation, when the channel goes inactive.
            if (failure == null) {
                failure = cause;
            }
            ctx.close();
        }
    }

    /** On the UDP channel, first in line: writes with the relayed address as sender go to the TCP pipeline. */
    private final class RelayDivert extends ChannelDuplexHandler {

        private final Relay relay;
        private boolean pending;

        RelayDivert(Relay relay) {
            this.relay = relay;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            InetSocketAddress relayed = relay.relayed;
            if (!(msg instanceof DatagramPacket packet) || relayed == null || !relayed.equals(packet.sender())) {
                ctx.write(msg, promise);
                return;
            }
            if (!tcp.isWritable()) {
                packet.release(); // as a full socket buffer drops a datagram: QUIC sees a loss and slows down
                promise.trySuccess();
                return;
            }
            pending = true;
            tcp.write(packet).addListener(f -> {
                if (f.isSuccess()) {
                    promise.trySuccess();
                } else if (!promise.isVoid()) {
                    promise.tryFailure(f.cause());
                }
            });
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (pending) {
                pending = false;
                tcp.flush();
            }
            ctx.flush();
        }
    }
}
