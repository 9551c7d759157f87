package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.common.Identity;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeepaliveTest {

    @Test
    void aServerThatHangsIsDetectedWithinTwoKeepaliveIntervalsAndTheClientLogsInAgain() throws Exception {
        var events = new RecordingListener();
        try (RendezvousServer server = RendezvousServer.start(TestServers.config(0));
             SignalClient client = TestServers.client(server, "watcher", Identity.generate(), events, null)
                     .keepalive(Duration.ofMillis(300)).build().start()) {
            await().until(() -> client.state() == SignalState.CONNECTED);
            long t0 = System.nanoTime();
            server.freeze(); // no RST, no FIN: only the missing pongs tell
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(events.states).as(events.reasons.toString()).contains(SignalState.DISCONNECTED));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(events.reasons).contains("keepalive timeout");
            assertThat(ms).isBetween(300L, 1500L);
            // The listening socket still accepts: the next login is a fresh connection.
            await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == SignalState.CONNECTED);
        }
    }
}
