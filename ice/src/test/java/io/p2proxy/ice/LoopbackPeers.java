package io.p2proxy.ice;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.turn.RelayedDatagramPacket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Datagram channels bound on loopback addresses, each with a recorder of what passes the agent (and any TURN client). */
final class LoopbackPeers implements AutoCloseable {

    final EventLoopGroup group = Transports.group(2, NamedThreadFactory.of("ice-test"));

    /** Binds {@code ip}:0 with a handler that keeps copies of the datagrams reaching it. */
    Peer bind(String ip) {
        Peer peer = new Peer();
        peer.channel = (DatagramChannel) new Bootstrap().group(group).channel(Transports.datagram())
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        DatagramPacket p = (DatagramPacket) msg;
                        try {
                            byte[] bytes = new byte[p.content().readableBytes()];
                            p.content().getBytes(p.content().readerIndex(), bytes);
                            peer.passedOn.add(bytes);
                            peer.senders.add(p.sender());
                            if (p instanceof RelayedDatagramPacket) {
                                peer.relayed.incrementAndGet();
                            }
                        } finally {
                            p.release();
                        }
                    }
                }).bind(ip, 0).syncUninterruptibly().channel();
        return peer;
    }

    static final class Peer {
        DatagramChannel channel;
        final List<byte[]> passedOn = new CopyOnWriteArrayList<>();
        /** The sender of each datagram in {@link #passedOn}, in the same order. */
        final List<java.net.InetSocketAddress> senders = new CopyOnWriteArrayList<>();
        /** How many of them came through a TURN relay. */
        final AtomicInteger relayed = new AtomicInteger();
        final RecordingListener listener = new RecordingListener();
        /** While set, the handler {@link #cutOff} put at the head of the pipeline drops every datagram arriving. */
        final AtomicBoolean dropping = new AtomicBoolean();
        IceAgent agent;

        /**
         * Drops (and releases) every datagram reaching this socket from now until {@code dropping}
         * is cleared, ahead of the agent: call after {@link #attach}, which puts the agent at the head.
         */
        void cutOff() {
            dropping.set(true);
            if (channel.pipeline().get("drop") == null) {
                channel.pipeline().addFirst("drop", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (dropping.get()) {
                            io.netty.util.ReferenceCountUtil.release(msg);
                        } else {
                            ctx.fireChannelRead(msg);
                        }
                    }
                });
            }
        }

        IceAgent attach(IceRole role, IceConfig config) {
            agent = IceAgent.create(channel, role, config, listener);
            return agent;
        }

        java.net.InetSocketAddress address() {
            return channel.localAddress();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
