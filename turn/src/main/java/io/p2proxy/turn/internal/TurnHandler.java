package io.p2proxy.turn.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunMessages;
import io.p2proxy.turn.ChannelData;
import io.p2proxy.turn.RelayedDatagramPacket;
import io.p2proxy.turn.TurnException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TURN client's place in the datagram pipeline, first in line.
 *
 * <p>Inbound, only datagrams whose source is exactly the TURN server are looked at (RFC 7983
 * ranges overlap: 0x40–0x4F is ChannelData from the server but a QUIC short header from anyone
 * else). From the server: ChannelData and Data indications are unwrapped and re-fired from the
 * pipeline's head as {@link RelayedDatagramPacket}s (sender = peer, recipient = relayed address);
 * ChannelData on an unknown channel is dropped; TURN responses go to the {@code StunClient}
 * handler right behind this one, which takes those of our transactions. Everything else — from
 * anyone else, Binding responses from the server (ICE may use it for STUN), our own re-fired
 * packets — passes on untouched, past that StunClient handler: it would swallow STUN responses
 * that are not its own.
 *
 * <p>Outbound, a {@link DatagramPacket} whose sender is the relayed address is wrapped for the
 * server (ChannelData once bound, else a Send indication); everything else passes untouched.
 */
public final class TurnHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(TurnHandler.class);

    private final AllocationCore core;
    private final ChannelHandlerContext stunClient;
    private ChannelHandlerContext ctx;

    TurnHandler(AllocationCore core, ChannelHandlerContext stunClient) {
        this.core = core;
        this.stunClient = stunClient;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet) || msg instanceof RelayedDatagramPacket
                || !core.relay.server.equals(packet.sender())) {
            passOn(ctx, msg);
            return;
        }
        ByteBuf content = packet.content();
        RelayedDatagramPacket unwrapped;
        if (ChannelData.looksLike(content)) {
            unwrapped = core.relay.fromChannelData(content);
        } else if (!StunMessages.isStun(content)) {
            passOn(ctx, msg);
            return;
        } else if (Relay.isDataIndication(content)) {
            try {
                unwrapped = core.relay.fromDataIndication(ctx.alloc(), content);
            } catch (StunException e) {
                unwrapped = null;
            }
        } else if (Relay.isTurnResponse(content)) {
            ctx.fireChannelRead(msg); // to our StunClient, right behind
            return;
        } else {
            passOn(ctx, msg);
            return;
        }
        packet.release();
        if (unwrapped == null) {
            log.debug("dropping a relayed datagram from {} that names no known channel or peer", packet.sender());
            return;
        }
        // From the head, so that handlers ahead of this one (ICE, if attached later) see it too.
        ctx.pipeline().fireChannelRead(unwrapped);
    }

    /** Past our StunClient's handler, which would swallow STUN responses that are not its own. */
    private void passOn(ChannelHandlerContext ctx, Object msg) {
        if (stunClient != null && !stunClient.isRemoved()) {
            stunClient.fireChannelRead(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        InetSocketAddress relayed = core.relay.relayed;
        if (msg instanceof DatagramPacket packet && relayed != null && relayed.equals(packet.sender())) {
            send(packet.recipient(), packet.content(), promise, false);
            return;
        }
        ctx.write(msg, promise);
    }

    /** Sends and flushes {@code data} to {@code peer} through the relay; takes ownership of {@code data}. Event loop only. */
    public void send(InetSocketAddress peer, ByteBuf data, ChannelPromise promise) {
        send(peer, data, promise, true);
    }

    private void send(InetSocketAddress peer, ByteBuf data, ChannelPromise promise, boolean flush) {
        try {
            if (core.relay.relayed == null || ctx == null || ctx.isRemoved()) {
                promise.tryFailure(new TurnException(TurnException.Reason.NOT_ALLOCATED, core.config.server(),
                        io.p2proxy.stun.StunMethod.SEND, 0, "no allocation to send to " + peer + " through", null));
                return;
            }
            DatagramPacket out = new DatagramPacket(core.relay.wrap(ctx.alloc(), peer, data), core.config.server());
            if (flush) {
                ctx.writeAndFlush(out, promise);
            } else {
                ctx.write(out, promise);
            }
        } finally {
            data.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        core.shutdown();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        core.shutdown();
    }
}
