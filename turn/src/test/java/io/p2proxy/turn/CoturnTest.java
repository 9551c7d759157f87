package io.p2proxy.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.testkit.Coturn;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our TURN client against a real coturn on 127.0.0.1: allocation, data both ways through Send/Data
 * indications and through ChannelData, permissions, wrong credentials. Lifetimes, refreshes, stale
 * nonces and release are in {@link CoturnLifetimeTest}.
 */
class CoturnTest {

    @TempDir
    static Path dir;
    private static Coturn coturn;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() throws Exception {
        coturn = Coturn.start(dir);
        group = Transports.group(2, NamedThreadFactory.of("turn-test"));
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

    @Test
    void allocateReturnsARelayedAddressOnTheServerAndOurMappedAddress() throws Exception {
        try (RelayEnd end = RelayEnd.open(group, RelayEnd.config(coturn, "u"))) {
            TurnAllocation allocation = end.allocate(coturn);
            assertThat(allocation.relayed().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(allocation.relayed().getPort()).isNotEqualTo(coturn.server().getPort());
            assertThat(allocation.mapped()).isEqualTo(end.local());
            assertThat(allocation.lifetime().toSeconds()).isPositive();
            assertThat(end.events).containsExactly(new TurnEvent.Allocated(allocation));
        }
    }

    @Test
    void sendAndDataIndicationsCarryDatagramsBothWaysBeforeAnyChannel() throws Exception {
        try (RelayEnd end = RelayEnd.open(group, RelayEnd.config(coturn, "u"));
                DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(5000);
            TurnAllocation allocation = end.allocate(coturn);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            end.turn.createPermission(peerAddress).get(10, TimeUnit.SECONDS);

            end.send(peerAddress, "to the peer");
            DatagramPacket got = receive(peer);
            assertThat(text(got)).isEqualTo("to the peer");
            assertThat(got.getSocketAddress()).as("the peer sees the relayed address").isEqualTo(allocation.relayed());

            // 'E' = 0x45: a QUIC short header's first byte, and ChannelData's range; it must arrive intact.
            sendFrom(peer, allocation.relayed(), "Eback from the peer");
            RelayEnd.Received r = end.next();
            assertThat(r).isEqualTo(new RelayEnd.Received("Eback from the peer", peerAddress, allocation.relayed(), true));
            assertThat(end.turn.stats().get().channels()).isZero();
        }
    }

    @Test
    void channelDataCarriesDatagramsBothWaysBetweenTwoClients() throws Exception {
        try (RelayEnd a = RelayEnd.open(group, RelayEnd.config(coturn, "u"));
                RelayEnd b = RelayEnd.open(group, RelayEnd.config(coturn, "v"))) {
            InetSocketAddress relayA = a.allocate(coturn).relayed();
            InetSocketAddress relayB = b.allocate(coturn).relayed();
            int channelA = a.turn.bindChannel(relayB).get(10, TimeUnit.SECONDS);
            int channelB = b.turn.bindChannel(relayA).get(10, TimeUnit.SECONDS);
            assertThat(channelA).isBetween(ChannelData.MIN_CHANNEL, ChannelData.MAX_CHANNEL);
            assertThat(channelB).isBetween(ChannelData.MIN_CHANNEL, ChannelData.MAX_CHANNEL);

            for (int i = 0; i < 20; i++) {
                a.send(relayB, "a->b " + i);
                assertThat(b.next()).isEqualTo(new RelayEnd.Received("a->b " + i, relayA, relayB, true));
                b.send(relayA, "b->a " + i + "x".repeat(i));  // odd lengths: no padding on UDP
                assertThat(a.next()).isEqualTo(new RelayEnd.Received("b->a " + i + "x".repeat(i), relayB, relayA, true));
            }
            TurnStats stats = a.turn.stats().get();
            assertThat(stats.channels()).isEqualTo(1);
            assertThat(stats.permissions()).as("ChannelBind installs a permission we keep renewing").isEqualTo(1);
            assertThat(stats.datagramsOut()).isEqualTo(20);
            assertThat(stats.datagramsIn()).isEqualTo(20);
        }
    }

    @Test
    void aPeerWithoutPermissionCannotReachTheClient() throws Exception {
        try (RelayEnd end = RelayEnd.open(group, RelayEnd.config(coturn, "u"));
                DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress relayed = end.allocate(coturn).relayed();
            sendFrom(peer, relayed, "before the permission");
            end.turn.createPermission((InetSocketAddress) peer.getLocalSocketAddress()).get(10, TimeUnit.SECONDS);
            sendFrom(peer, relayed, "after the permission");
            // Relayed in order: had the first passed, it would be here ahead of the second.
            assertThat(end.next().text()).isEqualTo("after the permission");
            assertThat(end.drain()).isEmpty();
        }
    }

    @Test
    void datagramsFromOthersPassUntouchedWhileTheClientIsAttached() throws Exception {
        try (RelayEnd end = RelayEnd.open(group, RelayEnd.config(coturn, "u"));
                DatagramSocket other = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            end.allocate(coturn);
            // 0x40: ChannelData's first byte, but not from the server: QUIC's, passed on as it is.
            sendFrom(other, end.local(), "@direct");
            RelayEnd.Received r = end.next();
            assertThat(r.text()).isEqualTo("@direct");
            assertThat(r.sender()).isEqualTo(other.getLocalSocketAddress());
            assertThat(r.relayed()).isFalse();
        }
    }

    @Test
    void aWrongPasswordIsAnUnauthorizedErrorNamingTheServer() throws Exception {
        try (RelayEnd end = RelayEnd.open(group, RelayEnd.config(coturn, "u").withPassword("wrong"))) {
            Throwable failure = catchThrowable(() -> end.turn.allocate().get(10, TimeUnit.SECONDS));
            assertThat(failure).cause().isInstanceOf(TurnException.class);
            TurnException e = (TurnException) failure.getCause();
            assertThat(e.reason()).isEqualTo(TurnException.Reason.UNAUTHORIZED);
            assertThat(e.code()).isEqualTo(401);
            assertThat(e.server()).isEqualTo(coturn.server());
            assertThat(e.getMessage()).contains("Allocate", coturn.server().toString(), "401");
            assertThat(end.turn.send(coturn.server(), io.netty.buffer.Unpooled.buffer(1).writeByte(1))
                    .awaitUninterruptibly().cause()).isInstanceOf(TurnException.class);
        }
    }

    static void sendFrom(DatagramSocket socket, InetSocketAddress to, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    static DatagramPacket receive(DatagramSocket socket) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        socket.receive(p);
        return p;
    }

    static String text(DatagramPacket p) {
        return new String(p.getData(), p.getOffset(), p.getLength(), StandardCharsets.UTF_8);
    }
}
