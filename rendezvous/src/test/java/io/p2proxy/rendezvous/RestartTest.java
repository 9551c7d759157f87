package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.signal.SignalState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RestartTest {

    @Test
    void peersAreBackOnlineWithinFiveSecondsOfAServerRestartAfterACrash() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        RendezvousServer restarted = null;
        try (TwoPeers peers = new TwoPeers(ServerLimits.DEFAULTS)) {
            int port = peers.server.signalAddress().getPort();
            peers.server.crash(); // RST on every socket, no close frames: like kill -9
            await().atMost(Duration.ofSeconds(5)).until(() -> peers.alice.state() != SignalState.CONNECTED
                    && peers.bob.state() != SignalState.CONNECTED);
            assertThat(peers.alice.reason()).isNotNull();

            CompletableFuture<RendezvousServer> next = new CompletableFuture<>();
            long[] restartedAt = new long[1];
            timer.schedule(() -> {
                try {
                    next.complete(RendezvousServer.start(TestServers.config(port)));
                    restartedAt[0] = System.nanoTime();
                } catch (Exception e) {
                    next.completeExceptionally(e);
                }
            }, 3, TimeUnit.SECONDS);
            restarted = next.get(10, TimeUnit.SECONDS);

            RendezvousServer server = restarted;
            await().atMost(Duration.ofSeconds(5)).until(() -> peers.alice.state() == SignalState.CONNECTED
                    && peers.bob.state() == SignalState.CONNECTED && server.status().peers().size() == 2);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt[0]);
            System.out.printf("[measure] both peers online again %d ms after the restart%n", ms);
            assertThat(ms).isLessThan(5000);
            peers.assertStillRouting();
        } finally {
            if (restarted != null) {
                restarted.close();
            }
            timer.shutdownNow();
        }
    }
}
