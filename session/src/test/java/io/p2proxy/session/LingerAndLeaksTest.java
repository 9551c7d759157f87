package io.p2proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.ice.IceConfig;
import io.p2proxy.session.internal.AgentPath;
import io.p2proxy.testkit.EchoServer;
import io.p2proxy.testkit.Fds;
import io.p2proxy.testkit.Transfers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Linger and resource release, on real ICE and QUIC. */
class LingerAndLeaksTest {

    private EchoServer echo;
    private TwoPeers peers;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        peers = new TwoPeers(echo.address(), List.of("laptop"), Duration.ofSeconds(1),
                AgentPath.factory(IceConfig.defaults()));
    }

    @AfterEach
    void stop() {
        peers.close();
        echo.close();
    }

    private void transfer(long seed) {
        Transfers.Result r = Transfers.echo(peers.forwardAddress(), 4096, seed);
        assertThat(r.received()).isEqualTo(r.sent());
    }

    @Test
    void theSessionClosesAboutOneLingerAfterItsLastStreamOnBothSides() {
        transfer(1);
        long lastStreamEnded = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> peers.laptop.size() == 0);
        long millis = (System.nanoTime() - lastStreamEnded) / 1_000_000;
        System.out.printf("[measure] session closed %d ms after the last stream (linger 1s)%n", millis);
        assertThat(millis).isBetween(900L, 5000L);
        await("the acceptor follows").atMost(Duration.ofSeconds(10)).until(() -> peers.garage.size() == 0);
    }

    @Test
    void aStreamDuringTheLingerReusesTheSession() {
        transfer(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> peers.laptop.sessions().stream()
                .anyMatch(s -> s.state().equals("lingering")));
        String before = peers.laptop.sessions().get(0).id() + peers.laptop.sessions().get(0).remote();
        transfer(2);
        assertThat(peers.laptop.size()).isEqualTo(1);
        assertThat(peers.laptop.sessions().get(0).id() + peers.laptop.sessions().get(0).remote()).isEqualTo(before);
        assertThat(echo.accepted()).isEqualTo(2);
    }

    @Test
    void aThousandCyclesLeaveNoDescriptorSessionOrConnectionBehind() {
        transfer(0); // warm up: first session, class loading, lazily opened JDK files
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.laptop.size() == 0 && peers.garage.size() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> echo.openConnections() == 0);
        long fds = Fds.count();
        for (int i = 1; i <= 1000; i++) {
            transfer(i);
        }
        assertThat(echo.accepted()).isEqualTo(1001);
        await("every session lingers out").atMost(Duration.ofSeconds(15))
                .until(() -> peers.laptop.size() == 0 && peers.garage.size() == 0);
        await("no connection left at the service").atMost(Duration.ofSeconds(10)).until(() -> echo.openConnections() == 0);
        await("descriptors back to the baseline").atMost(Duration.ofSeconds(10)).until(() -> Fds.count() <= fds);
        System.out.printf("[measure] 1000 cycles: descriptors %d before, %d after%n", fds, Fds.count());
    }
}
