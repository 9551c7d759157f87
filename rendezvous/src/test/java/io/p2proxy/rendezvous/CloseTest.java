package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.common.Identity;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalState;
import io.p2proxy.testkit.Fds;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CloseTest {

    private static long ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("p2proxy-")).count();
    }

    @Test
    void closeReleasesEverySocketAndThreadAndIsIdempotent() throws Exception {
        long threads = ourThreads();
        cycle(); // the first run opens jar files and native libraries for good: not ours to count
        await().atMost(Duration.ofSeconds(5)).until(() -> ourThreads() == threads);
        long fds = Fds.count();
        var events = cycle();
        assertThat(events.states).endsWith(SignalState.STOPPED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(ourThreads()).isEqualTo(threads);
            assertThat(Fds.count()).isEqualTo(fds);
        });
    }

    private static RecordingListener cycle() throws Exception {
        RendezvousServer server = RendezvousServer.start(TestServers.config(0));
        var events = new RecordingListener();
        SignalClient client = TestServers.client(server, "short-lived", Identity.generate(), events, null).build().start();
        await().until(() -> client.state() == SignalState.CONNECTED);

        server.close();
        await().until(() -> client.state() == SignalState.DISCONNECTED);
        assertThat(client.reason()).contains("1001").contains("server shutting down");
        client.close();
        client.close();
        server.close();
        return events;
    }
}
