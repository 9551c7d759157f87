package io.p2proxy.ice.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.ice.IceTransportPolicy;
import io.p2proxy.stun.StunMessages;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.turn.RelayedDatagramPacket;
import java.net.InetSocketAddress;

/**
 * First in the datagram pipeline: takes the STUN Binding traffic ICE needs and passes everything
 * else on untouched. RFC 7983 §7: "If the value [of the first byte] is in between 0 and 3
 * (inclusive), then the packet is STUN"; the magic cookie confirms it (RFC 8489 §5). QUIC (first
 * byte ≥ 0x40) and STUN methods other than Binding go on with {@code fireChannelRead}; what this
 * handler takes it always releases. Binding traffic a TURN client ahead of this handler unwrapped
 * ({@link RelayedDatagramPacket}) belongs to the relay candidate at its recipient address.
 */
public final class IceHandler extends ChannelInboundHandlerAdapter {

    /** The method bits of a STUN message type, class bits (0x0110) masked out. */
    private static final int METHOD_MASK = 0x3EEF;

    private final AgentCore core;
    private final Transactions transactions;
    private final CheckResponder responder;
    private final Runnable shutdown;

    IceHandler(AgentCore core, Transactions transactions, CheckResponder responder, Runnable shutdown) {
        this.core = core;
        this.transactions = transactions;
        this.responder = responder;
        this.shutdown = shutdown;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        core.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet) || !StunMessages.isStun(packet.content())
                || (packet.content().getUnsignedShort(packet.content().readerIndex()) & METHOD_MASK) != StunMethod.BINDING) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ByteBuf content = packet.content();
            int classBits = content.getUnsignedShort(content.readerIndex()) & 0x0110;
            if (core.closed) {
                return;
            }
            // Through a TURN allocation: the TURN client ahead unwrapped it; the relayed address is the local candidate.
            InetSocketAddress via = packet instanceof RelayedDatagramPacket ? packet.recipient() : null;
            if (via == null && core.config.transportPolicy() == IceTransportPolicy.RELAY) {
                core.checksRejected++; // relay only: nothing is sent or answered on the socket directly
                return;
            }
            switch (classBits) {
                case 0x0000 -> responder.onRequest(content, packet.sender(), via);
                case 0x0100, 0x0110 -> transactions.onResponse(content, packet.sender(), via);
                default -> { } // 0x0010: a Binding indication, a keepalive (RFC 8489 §6.3.2): nothing to do
            }
        } finally {
            packet.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        shutdown.run();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        shutdown.run();
    }
}
