package io.p2proxy.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.p2proxy.testkit.Fds;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Client and server close at the same moment while media flows, many times: no error storm in the
 * logs, nothing leaks, and the session still carries a new client afterwards.
 */
class SimultaneousCloseTest {

    static final int ROUNDS = 150;

    FakeCamera camera;
    RtspPeers peers;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger("io.p2proxy");

    @BeforeEach
    void start() throws Exception {
        camera = new FakeCamera();
        peers = new RtspPeers(camera.address(), Duration.ofSeconds(30));
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        root.detachAppender(logs);
        peers.close();
        camera.close();
    }

    private Socket playing() throws IOException {
        Socket s = RtspClients.connect(peers.rtsp.localAddress());
        String url = peers.url("garage/camera/test");
        RtspClients.send(s, "DESCRIBE", url, 1);
        assertThat(RtspClients.response(s)).startsWith("RTSP/1.0 200");
        RtspClients.send(s, "SETUP", url + "/stream=0", 2, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        assertThat(RtspClients.response(s)).startsWith("RTSP/1.0 200").contains("interleaved=0-1");
        RtspClients.send(s, "PLAY", url, 3, "Session: 1");
        assertThat(RtspClients.response(s)).startsWith("RTSP/1.0 200");
        InputStream in = s.getInputStream();
        assertThat(in.read()).as("interleaved media").isEqualTo('$');
        in.readNBytes(4000);
        return s;
    }

    @Test
    void bothEndsClosingAtOnceManyTimesLeaveNoStormNoLeakAndAHealthySession() throws Exception {
        playing().close(); // the session is up before the baseline
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.streams() == 0 && camera.openConnections() == 0);
        long fds = Fds.count();
        logs.list.clear();
        for (int i = 0; i < ROUNDS; i++) {
            Socket s = playing();
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
                awaitLatch(go);
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closed
                }
            });
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                awaitLatch(go);
                camera.closeConnections();
            });
            go.countDown();
            CompletableFuture.allOf(client, server).get();
        }
        long closed = System.nanoTime();
        // At once or within the splice's liveness probe (0.5 s): a stream whose peer sent STOP_SENDING
        // after its END used to be held until the session ended (NOTES.md, quiche forgets the stream).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(peers.laptop.sessions()).as("laptop's streams").allSatisfy(x -> assertThat(x.streams()).isZero());
            assertThat(peers.garage.sessions()).as("garage's streams").allSatisfy(x -> assertThat(x.streams()).isZero());
            assertThat(camera.openConnections()).as("connections at the server").isZero();
            assertThat(Fds.count()).as("descriptors").isLessThanOrEqualTo(fds);
        });
        LoggerFactory.getLogger(SimultaneousCloseTest.class).info("{} rounds: every stream released {} ms after the last",
                ROUNDS, (System.nanoTime() - closed) / 1_000_000);
        List<String> loud;
        synchronized (logs.list) {
            loud = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
        assertThat(loud).as("warnings and errors").isEmpty();
        assertThat(peers.laptop.sessions()).singleElement()
                .satisfies(s -> assertThat(s.state()).isIn("connected", "lingering"));
        playing().close();
    }

    private static void awaitLatch(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
