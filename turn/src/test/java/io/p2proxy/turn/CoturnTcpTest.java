package io.p2proxy.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.testkit.Coturn;
import io.p2proxy.testkit.FreePort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TURN over TCP (RFC 8656 §3.1) against a real coturn on 127.0.0.1, which listens on TCP on its
 * UDP port: the client's StunClient and handler run on a TCP connection of its own, bridged into
 * the UDP channel, so the channel's pipeline sees relayed datagrams exactly as over UDP.
 */
class CoturnTcpTest {

    @TempDir
    static Path dir;
    private static Coturn coturn;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() throws Exception {
        coturn = Coturn.start(dir).awaitTcp();
        group = Transports.group(2, NamedThreadFactory.of("turn-tcp-test"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (coturn != null) {
            coturn.close();
        }
    }

    private static TurnConfig tcp(String user) {
        return RelayEnd.config(coturn, user).withTransport(TurnTransport.TCP);
    }

    @Test
    void allocatesOverTcpARelayedUdpAddressOnTheServer() throws Exception {
        try (RelayEnd end = RelayEnd.open(group, tcp("u"))) {
            TurnAllocation allocation = end.allocate(coturn);
            assertThat(allocation.relayed().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(allocation.mapped()).as("the TCP connection's address, not the UDP socket's")
                    .isNotEqualTo(end.local());
            assertThat(end.events).containsExactly(new TurnEvent.Allocated(allocation));
        }
    }

    @Test
    void datagramsCrossBothWaysBetweenATcpAndAUdpClientIntact() throws Exception {
        try (RelayEnd a = RelayEnd.open(group, tcp("u"));
                RelayEnd b = RelayEnd.open(group, RelayEnd.config(coturn, "v"))) {
            InetSocketAddress relayA = a.allocate(coturn).relayed();
            InetSocketAddress relayB = b.allocate(coturn).relayed();
            // Before any channel: Send and Data indications on the stream.
            a.turn.createPermission(relayB).get(10, TimeUnit.SECONDS);
            b.turn.createPermission(relayA).get(10, TimeUnit.SECONDS);
            a.send(relayB, "indication a->b");
            assertThat(b.next()).isEqualTo(new RelayEnd.Received("indication a->b", relayA, relayB, true));
            b.send(relayA, "indication b->a");
            assertThat(a.next()).isEqualTo(new RelayEnd.Received("indication b->a", relayB, relayA, true));

            a.turn.bindChannel(relayB).get(10, TimeUnit.SECONDS);
            b.turn.bindChannel(relayA).get(10, TimeUnit.SECONDS);
            MessageDigest sentAb = MessageDigest.getInstance("SHA-256");
            MessageDigest gotAb = MessageDigest.getInstance("SHA-256");
            MessageDigest sentBa = MessageDigest.getInstance("SHA-256");
            MessageDigest gotBa = MessageDigest.getInstance("SHA-256");
            Random random = new Random(7);
            for (int i = 0; i < 100; i++) {
                // Odd lengths: ChannelData on the stream is padded, the padding must not reach the peer.
                String ab = "a->b " + i + " " + HexFormat.of().formatHex(bytes(random, random.nextInt(600)));
                // What the path layer does: a DatagramPacket(data, peer, relayed) on the UDP channel.
                a.channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(ab, StandardCharsets.UTF_8),
                        relayB, relayA)).syncUninterruptibly();
                sentAb.update(ab.getBytes(StandardCharsets.UTF_8));
                RelayEnd.Received r = b.next();
                assertThat(r.sender()).isEqualTo(relayA);
                gotAb.update(r.text().getBytes(StandardCharsets.UTF_8));

                String ba = "b->a " + i + " " + HexFormat.of().formatHex(bytes(random, random.nextInt(600)));
                b.send(relayA, ba);
                sentBa.update(ba.getBytes(StandardCharsets.UTF_8));
                RelayEnd.Received s = a.next();
                assertThat(s.relayed()).isTrue();
                assertThat(s.recipient()).isEqualTo(relayA);
                gotBa.update(s.text().getBytes(StandardCharsets.UTF_8));
            }
            assertThat(gotAb.digest()).isEqualTo(sentAb.digest());
            assertThat(gotBa.digest()).isEqualTo(sentBa.digest());
            TurnStats stats = a.turn.stats().get();
            assertThat(stats.channels()).isEqualTo(1);
            assertThat(stats.datagramsOut()).isEqualTo(101);
            assertThat(stats.datagramsIn()).isEqualTo(101);
        }
    }

    @Test
    void closingReleasesTheAllocationOverTheConnection() throws Exception {
        RelayEnd end = RelayEnd.open(group, tcp("u"));
        end.allocate(coturn);
        end.close();
        assertThat(end.events).hasSize(2).last().isEqualTo(new TurnEvent.Released());
        assertThat(end.channel.pipeline().names()).noneMatch(n -> n.startsWith("turn"));
    }

    @Test
    void aServerThatRefusesTheConnectionFailsTheAllocation() throws Exception {
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", FreePort.udpAndTcp());
        try (RelayEnd end = RelayEnd.open(group, TurnConfig.of(nobody, "u", Coturn.PASSWORD)
                .withTransport(TurnTransport.TCP))) {
            Throwable failure = catchThrowable(() -> end.turn.allocate().get(15, TimeUnit.SECONDS));
            assertThat(failure).cause().isInstanceOf(TurnException.class).hasMessageContaining("TCP connect failed");
            assertThat(end.events).isEmpty();
        }
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
