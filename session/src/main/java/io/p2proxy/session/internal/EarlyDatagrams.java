package io.p2proxy.session.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the first QUIC datagrams that reach an accepting session before its own ICE has selected
 * a pair. The dialer sends its first handshake packet the moment its ICE selects, often a few
 * hundred ms before the acceptor's does; dropped, it is resent only after QUIC's first probe
 * timeout (~1 s; measured in the NAT lab: QUIC up ~1 s after the dialer's selection whenever the
 * acceptor selected ~0.2 s later, ~0.3 s when both selected together). Held here, they are replayed
 * the moment QUIC is in place, through the path handler, which accepts them only from a validated
 * address. At most {@link #LIMIT} datagrams; on the session's loop; what is held is released on
 * removal unless replayed.
 */
final class EarlyDatagrams extends ChannelInboundHandlerAdapter {

    static final String NAME = "p2proxy-early";
    static final int LIMIT = 16;

    private final List<DatagramPacket> held = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket p && held.size() < LIMIT && isQuic(p.content())) {
            held.add(p);
            return;
        }
        ReferenceCountUtil.release(msg); // nothing behind this handler takes datagrams yet
    }

    private static boolean isQuic(ByteBuf b) {
        return b.isReadable() && b.getUnsignedByte(b.readerIndex()) >= 64; // RFC 9443: 64-127, 192-255
    }

    /** Leaves {@code pipeline}; what it held is fired from the pipeline's head on a later loop turn. */
    void replayLater(ChannelPipeline pipeline) {
        List<DatagramPacket> replay = List.copyOf(held);
        held.clear();
        if (pipeline.context(this) != null) {
            pipeline.remove(this);
        }
        if (replay.isEmpty()) {
            return;
        }
        pipeline.channel().eventLoop().execute(() -> {
            for (DatagramPacket p : replay) {
                if (pipeline.channel().isActive()) {
                    pipeline.fireChannelRead(p);
                } else {
                    p.release();
                }
            }
            pipeline.fireChannelReadComplete();
        });
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        held.forEach(DatagramPacket::release); // a session that closed before QUIC started
        held.clear();
    }
}
