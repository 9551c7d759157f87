package io.p2proxy.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.testkit.Fds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect, play, close, over and over (the original design failed on the third round with dangling
 * connections at the RTSP server): afterwards nothing is left at either peer, at the server, or in
 * this process's descriptors: the 200 rounds, in four lanes (each round is a whole ffmpeg
 * process and a media start at the server; about a minute here).
 */
class RtspCyclesTest {

    private static final Logger log = LoggerFactory.getLogger(RtspCyclesTest.class);
    static final int ROUNDS = 200;
    static final int LANES = 4;

    RtspServerProcess server;
    RtspPeers peers;

    @BeforeEach
    void start() throws Exception {
        Tools.require();
        server = new RtspServerProcess(20);
        peers = new RtspPeers(server.address(), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void manyConnectPlayCloseRoundsLeaveNothingBehind() throws Exception {
        long fds = Fds.count();
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < LANES; lane++) {
            lanes.add(CompletableFuture.runAsync(() -> {
                while (next.getAndIncrement() < ROUNDS) {
                    try (Player p = Player.play(peers.url("garage/camera/test"), 0.3)) {
                        assertThat(p.await(30)).as(p.errors()).isZero();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get();
        log.info("{} rounds in {} lanes took {} ms", ROUNDS, LANES, (System.nanoTime() - started) / 1_000_000);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(peers.streams()).as("streams at both peers").isZero();
            assertThat(server.connections()).as("connections at the RTSP server").isZero();
            assertThat(peers.laptop.size()).as("sessions after linger").isZero();
            assertThat(peers.garage.size()).isZero();
            assertThat(Fds.count()).as("descriptors").isLessThanOrEqualTo(fds);
        });
    }
}
