package io.p2proxy.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.common.HostPort;
import io.p2proxy.common.ResourceAddress;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.rendezvous.RendezvousServer;
import io.p2proxy.rendezvous.ServerStatus;
import io.p2proxy.signal.SignalState;
import io.p2proxy.testkit.EchoServer;
import io.p2proxy.testkit.Transfers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that may not use direct UDP ({@code relayOnly}, no TURN) still connect: their QUIC datagrams
 * travel through the rendezvous server over their signaling WebSocket connections. The NAT lab's
 * grid checks the same through real NATs; this is the loopback version, quick to run and debug.
 */
class ServerRelayTest {

    private static final HostPort ANY = HostPort.parse("127.0.0.1:0");

    @TempDir
    Path dir;
    private RendezvousServer server;
    private EchoServer echo;

    @BeforeEach
    void start() throws Exception {
        server = RendezvousServer.start(new ServerConfig(null, ANY, List.of(ANY), null, "secret", null, true, null));
        echo = new EchoServer();
    }

    @AfterEach
    void stop() {
        echo.close();
        server.close();
    }

    private PeerConfig config(String name, List<PeerConfig.Publish> publish, List<PeerConfig.Forward> forward) {
        return new PeerConfig(null, name, URI.create("ws://" + HostPort.of(server.signalAddress())), "secret",
                dir.resolve(name + ".key"), ANY, Duration.ofSeconds(30), publish, forward, null, null, null, List.of(),
                List.of());
    }

    /** garage publishes the echo service to laptop; neither may use direct UDP. */
    private Peer garage() throws Exception {
        return P2Proxy.peer(config("garage", List.of(new PeerConfig.Publish("echo", HostPort.of(echo.address()),
                List.of("laptop"))), List.of())).relayOnly(true).start();
    }

    /** laptop forwards a loopback port to garage/echo. */
    private Peer laptop() throws Exception {
        return P2Proxy.peer(config("laptop", List.of(), List.of(new PeerConfig.Forward(ANY,
                new ResourceAddress("garage", "echo"))))).relayOnly(true).start();
    }

    private static void awaitLoggedIn(Peer a, Peer b, Duration within) {
        await().atMost(within).until(() -> a.serverState() == SignalState.CONNECTED
                && b.serverState() == SignalState.CONNECTED);
    }

    @Test
    void peersWithoutADirectPathCarryAHashedTransferThroughTheServerRelay() throws Exception {
        try (Peer garage = garage(); Peer laptop = laptop()) {
            awaitLoggedIn(garage, laptop, Duration.ofSeconds(10));
            InetSocketAddress forward = laptop.forwardAddresses().get(0);

            long start = System.nanoTime();
            Transfers.Result first = Transfers.echo(forward, 1, 1);
            long firstByteMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(first.received()).isEqualTo(first.sent());
            assertThat(firstByteMs).as("ms from the first attempt to data through the relay").isLessThan(3_000);

            Transfers.Result bulk = Transfers.echo(forward, 8L << 20, 7);
            assertThat(bulk.bytesReceived()).isEqualTo(8L << 20);
            assertThat(bulk.received()).isEqualTo(bulk.sent());

            PeerStatus.Session s = laptop.status().sessions().get(0);
            assertThat(s.path()).isEqualTo("relay");
            assertThat(s.pathReason()).startsWith("relay: ");
            assertThat(garage.status().sessions().get(0).path()).isEqualTo("relay");
            ServerStatus status = server.status();
            assertThat(status.relays()).singleElement().satisfies(r -> {
                assertThat(List.of(r.a(), r.b())).containsExactlyInAnyOrder("garage", "laptop");
                assertThat(r.bytes()).as("both directions of 8 MiB, plus QUIC").isGreaterThan(16L << 20);
            });
            System.out.printf("server relay: first echoed byte after %d ms; session reason: %s%n", firstByteMs,
                    s.pathReason());
        }
    }

    /**
     * A restarted server has forgotten which pairs it introduced; the peers introduce their relayed
     * session again when they log back in, and the same session carries on through the new server.
     */
    @Test
    void aRelayedSessionCarriesOnThroughARestartedServer() throws Exception {
        try (Peer garage = garage(); Peer laptop = laptop()) {
            awaitLoggedIn(garage, laptop, Duration.ofSeconds(10));
            InetSocketAddress forward = laptop.forwardAddresses().get(0);
            Transfers.Result before = Transfers.echo(forward, 1L << 20, 3);
            assertThat(before.received()).isEqualTo(before.sent());
            String session = laptop.status().sessions().get(0).id();

            HostPort listen = HostPort.of(server.signalAddress());
            server.close();
            server = RendezvousServer.start(new ServerConfig(null, listen, List.of(ANY), null, "secret", null, true, null));
            awaitLoggedIn(garage, laptop, Duration.ofSeconds(20));

            Transfers.Result after = Transfers.echo(forward, 1L << 20, 4);
            assertThat(after.received()).isEqualTo(after.sent());
            assertThat(laptop.status().sessions()).singleElement().satisfies(x -> {
                assertThat(x.id()).as("the same session").isEqualTo(session);
                assertThat(x.path()).isEqualTo("relay");
            });
            assertThat(server.status().relays()).singleElement()
                    .satisfies(r -> assertThat(r.bytes()).isGreaterThan(2L << 20));
        }
    }
}
