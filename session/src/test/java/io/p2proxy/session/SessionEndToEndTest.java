package io.p2proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.p2proxy.testkit.EchoServer;
import io.p2proxy.testkit.Transfers;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionEndToEndTest {

    EchoServer echo;
    TwoPeers peers;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        peers = new TwoPeers(echo.address(), List.of("laptop"), Duration.ofSeconds(30), ice());
    }

    /** The loopback stand-in here; {@link SessionEndToEndWithIceTest} runs the same cases on real ICE. */
    io.p2proxy.session.internal.IcePath.Factory ice() {
        return FakeIcePath.FACTORY;
    }

    @AfterEach
    void stop() {
        peers.close();
        echo.close();
    }

    @Test
    void sixtyFourMebibytesArriveIntactThroughAForward() {
        Transfers.Result r = Transfers.echo(peers.forwardAddress(), 64L << 20, 1);
        assertThat(r.bytesReceived()).isEqualTo(64L << 20);
        assertThat(r.received()).isEqualTo(r.sent());
        assertThat(peers.laptop.size()).isEqualTo(1);
    }

    @Test
    void sixteenConcurrentTransfersShareOneSessionAndArriveIntact() {
        List<CompletableFuture<Transfers.Result>> all = IntStream.range(0, 16).mapToObj(i -> CompletableFuture
                .supplyAsync(() -> Transfers.echo(peers.forwardAddress(), 4L << 20, i))).toList();
        for (var f : all) {
            Transfers.Result r = f.join();
            assertThat(r.received()).isEqualTo(r.sent());
        }
        assertThat(peers.laptop.size()).isEqualTo(1);
        assertThat(peers.garage.size()).isEqualTo(1);
    }

    @Test
    void aResourceThatIsNotAllowedResetsTheClient() throws Exception {
        try (ForwardListener denied = peers.forwardTo("nosuch"); Socket s = new Socket(
                denied.localAddress().getAddress(), denied.localAddress().getPort())) {
            s.setSoTimeout(10_000);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void aTargetThatRefusesResetsTheClient() throws Exception {
        try (ForwardListener refused = peers.forwardTo("closed"); Socket s = new Socket(
                refused.localAddress().getAddress(), refused.localAddress().getPort())) {
            s.setSoTimeout(10_000);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void aClientResetReachesTheServiceAsAReset() throws Exception {
        try (Socket s = new Socket(peers.forwardAddress().getAddress(), peers.forwardAddress().getPort())) {
            s.getOutputStream().write("hello".getBytes());
            byte[] back = s.getInputStream().readNBytes(5);
            assertThat(new String(back)).isEqualTo("hello");
            s.setSoLinger(true, 0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> echo.resets() == 1);
    }

    @Test
    void streamsKeepWorkingWhileTheServerIsDownButNewSessionsCannotStart() throws IOException {
        Transfers.Result first = Transfers.echo(peers.forwardAddress(), 1 << 20, 7);
        assertThat(first.received()).isEqualTo(first.sent());
        peers.serverUp = false;
        Transfers.Result second = Transfers.echo(peers.forwardAddress(), 1 << 20, 8);
        assertThat(second.received()).isEqualTo(second.sent());
    }
}
