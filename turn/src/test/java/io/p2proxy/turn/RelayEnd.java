package io.p2proxy.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.common.Transports;
import io.p2proxy.testkit.Coturn;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One UDP socket on 127.0.0.1 with a TURN client attached and, at the pipeline's tail, a recorder
 * standing in for ICE and QUIC: it keeps what reaches it (text, sender, recipient, whether it came
 * through the relay) and releases the buffer.
 */
final class RelayEnd implements AutoCloseable {

    record Received(String text, InetSocketAddress sender, InetSocketAddress recipient, boolean relayed) {
    }

    final Channel channel;
    final TurnClient turn;
    final List<TurnEvent> events = new CopyOnWriteArrayList<>();

    private final BlockingQueue<Received> sink;

    private RelayEnd(Channel channel, BlockingQueue<Received> sink, TurnConfig config) {
        this.channel = channel;
        this.sink = sink;
        this.turn = TurnClient.attach(channel, config, events::add);
    }

    static RelayEnd open(EventLoopGroup group, TurnConfig config) {
        BlockingQueue<Received> sink = new LinkedBlockingQueue<>();
        Channel channel = new Bootstrap().group(group).channel(Transports.datagram())
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        DatagramPacket p = (DatagramPacket) msg;
                        try {
                            sink.add(new Received(p.content().toString(StandardCharsets.UTF_8), p.sender(),
                                    p.recipient(), p instanceof RelayedDatagramPacket));
                        } finally {
                            p.release();
                        }
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        return new RelayEnd(channel, sink, config);
    }

    /** A client config for one of {@code coturn}'s users. */
    static TurnConfig config(Coturn coturn, String user) {
        return TurnConfig.of(coturn.server(), user, Coturn.PASSWORD);
    }

    /** Allocates or fails the test with coturn's output. */
    TurnAllocation allocate(Coturn coturn) throws Exception {
        try {
            return turn.allocate().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("allocation failed; " + coturn.describe(), e);
        }
    }

    InetSocketAddress local() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The next datagram that reached the tail, within 5 s. */
    Received next() throws InterruptedException {
        Received r = sink.poll(5, TimeUnit.SECONDS);
        assertThat(r).as("a datagram at %s within 5 s", local()).isNotNull();
        return r;
    }

    /** Everything received so far, without waiting. */
    List<Received> drain() {
        List<Received> all = new java.util.ArrayList<>();
        sink.drainTo(all);
        return all;
    }

    void send(InetSocketAddress peer, String text) {
        turn.send(peer, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).syncUninterruptibly();
    }

    @Override
    public void close() {
        turn.close();
        channel.close().syncUninterruptibly();
    }
}
