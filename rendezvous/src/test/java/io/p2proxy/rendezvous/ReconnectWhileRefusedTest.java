package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.common.Identity;
import io.p2proxy.signal.Backoff;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalState;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * While nothing listens (connections refused), the client probes at most every {@code refusedMax}:
 * a server that appears after a long outage is reached within that, not after the long doubling.
 */
class ReconnectWhileRefusedTest {

    @Test
    void aServerThatAppearsAfterALongOutageIsReachedWithinTheRefusedCap() throws Exception {
        int port = io.p2proxy.testkit.FreePort.tcp();
        List<String> reasons = new CopyOnWriteArrayList<>();
        // Plain doubling would be at 50 ms * 2^6 = 3.2 s by the 7th refusal; the refused cap is 100 ms.
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(60), 0, Duration.ofMillis(100));
        try (SignalClient client = SignalClient.builder(URI.create("ws://127.0.0.1:" + port), "alice",
                Identity.generate(), TestServers.TOKEN).backoff(backoff)
                .listener(new io.p2proxy.signal.SignalListener() {
                    @Override
                    public void stateChanged(SignalState state, String reason) {
                        if (state == SignalState.DISCONNECTED) {
                            reasons.add(reason);
                        }
                    }
                }).build().start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> reasons.size() >= 7);
            assertThat(reasons).allMatch(r -> r.startsWith("cannot connect:"));

            try (RendezvousServer server = RendezvousServer.start(TestServers.config(port))) {
                long started = System.nanoTime();
                await().atMost(Duration.ofSeconds(2)).until(() -> client.state() == SignalState.CONNECTED);
                System.out.printf("[measure] logged in %d ms after the server appeared%n",
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
    }
}
