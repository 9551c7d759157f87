package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.testkit.Transfers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ICE may switch the selected pair at any time; the path handler hides it from QUIC. Two UDP
 * relays stand in for two ways between the peers (say, a direct pair and a relayed one): both peers
 * switch between them, and back to the direct path, several times during one hashed transfer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteSwitchTest {

    @Test
    void switchingTheRealRemoteDuringATransferKeepsEveryByte() throws Exception {
        EventLoopGroup relays = Nio.group(1, "test-relay");
        try (Fixture f = new Fixture()) {
            InetSocketAddress a = PeerPair.address(f.pair.udpA);
            InetSocketAddress b = PeerPair.address(f.pair.udpB);
            Relay one = new Relay(relays, a, b);
            Relay two = new Relay(relays, a, b);
            InetSocketAddress forward = f.pair.forward("echo");
            CompletableFuture<Transfers.Result> transfer =
                    CompletableFuture.supplyAsync(() -> Transfers.echo(forward, 48L << 20, 11));
            int switches = 0;
            for (Relay via : new Relay[] {one, two, one, two}) {
                long before = via.forwarded.get();
                f.pair.a.setRemote(via.address());
                f.pair.b.setRemote(via.address());
                switches++;
                // Wait until a good share of the transfer went this way before the next switch.
                await().atMost(Duration.ofSeconds(20)).until(() -> via.forwarded.get() - before > 2_000 || transfer.isDone());
            }
            f.pair.a.setRemote(b); // and back to the direct path
            f.pair.b.setRemote(a);
            switches++;
            Transfers.Result r = transfer.get(40, TimeUnit.SECONDS);
            assertThat(r.bytesReceived()).isEqualTo(48L << 20);
            assertThat(r.received()).isEqualTo(r.sent());
            assertThat(one.forwarded.get()).isGreaterThan(4_000);
            assertThat(two.forwarded.get()).isGreaterThan(4_000);
            System.out.printf("remote switch: %d switches, relay one %d datagrams, relay two %d, lost %d%n",
                    switches, one.forwarded.get(), two.forwarded.get(), f.pair.a.stats().get().lostPackets());
            one.close();
            two.close();
        } finally {
            relays.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void datagramsNamingARelayedAddressAsRecipientStillReachTheQuicClient() throws Exception {
        try (Fixture f = new Fixture()) {
            // As a TURN client fires what came through its relay: the recipient is the relayed
            // address, not the socket's; the QUIC client (a dials) must see one local address still.
            InetSocketAddress relayed = new InetSocketAddress("198.18.0.1", 40000);
            f.pair.udpA.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof DatagramPacket p) {
                        ctx.fireChannelRead(new DatagramPacket(p.content(), relayed, p.sender()));
                    } else {
                        ctx.fireChannelRead(msg);
                    }
                }
            });
            Transfers.Result r = Transfers.echo(f.pair.forward("echo"), 1L << 20, 5);
            assertThat(r.bytesReceived()).isEqualTo(1L << 20);
            assertThat(r.received()).isEqualTo(r.sent());
        }
    }

    /** One UDP socket that passes datagrams from a to b and from b to a. */
    private static final class Relay {
        final AtomicLong forwarded = new AtomicLong();
        private final Channel channel;

        Relay(EventLoopGroup group, InetSocketAddress a, InetSocketAddress b) {
            channel = new Bootstrap().group(group).channel(Nio.datagram())
                    .option(io.netty.channel.ChannelOption.SO_RCVBUF, 4 << 20)
                    .option(io.netty.channel.ChannelOption.SO_SNDBUF, 4 << 20)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                            InetSocketAddress to = p.sender().equals(a) ? b : p.sender().equals(b) ? a : null;
                            if (to != null) {
                                forwarded.incrementAndGet();
                                ctx.write(new DatagramPacket(p.content().retain(), to));
                            }
                        }

                        @Override
                        public void channelReadComplete(ChannelHandlerContext ctx) {
                            ctx.flush();
                        }
                    })
                    .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) channel.localAddress();
        }

        void close() {
            channel.close().syncUninterruptibly();
        }
    }
}
