package io.p2proxy.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.testkit.Fds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original design's RTSP cases with real parts: GStreamer's RTSP server behind {@code garage},
 * ffmpeg playing through {@code laptop}'s RTSP listener, real ICE and QUIC between them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtspEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(RtspEndToEndTest.class);
    static final int FPS = 20;

    RtspServerProcess server;
    RtspPeers peers;

    @BeforeAll
    void start() throws Exception {
        Tools.require();
        server = new RtspServerProcess(FPS);
        peers = new RtspPeers(server.address(), Duration.ofSeconds(1));
    }

    @AfterAll
    void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void awaitNothingLeft(long fdBaseline) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(peers.streams()).as("streams at both peers").isZero();
            assertThat(server.connections()).as("connections at the RTSP server").isZero();
            assertThat(peers.laptop.size()).as("laptop's sessions after linger").isZero();
            assertThat(peers.garage.size()).as("garage's sessions after linger").isZero();
            assertThat(Fds.count()).as("descriptors").isLessThanOrEqualTo(fdBaseline);
        });
    }

    @Test
    void aClientPlaysThroughTwoPeersThenEverythingIsReleased() throws Exception {
        long fds = Fds.count();
        try (Player p = Player.play(peers.url("garage/camera/test"), 3)) {
            assertThat(p.await(30)).as(p.errors()).isZero();
            assertThat(p.frames()).isGreaterThanOrEqualTo(3 * FPS - 5);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(peers.streams()).isZero();
            assertThat(server.connections()).isZero();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.laptop.sessions().stream()
                .allMatch(s -> !s.state().equals("connected")) || peers.laptop.size() == 0);
        awaitNothingLeft(fds);
    }

    @Test
    void aClientAskingForUdpIsSteeredToInterleavedTcp() throws Exception {
        try (Player p = Player.play(peers.url("garage/camera/test"), 2, null)) {
            assertThat(p.await(30)).as(p.errors()).isZero();
            assertThat(p.frames()).isGreaterThanOrEqualTo(2 * FPS - 5);
        }
    }

    @Test
    void aWrongResourceGetsAClearAnswerThenTheRightOnePlays() throws Exception {
        var at = peers.rtsp.localAddress();
        assertThat(RtspClients.ask(at, "DESCRIBE", peers.url("garage/nosuch/test")))
                .startsWith("RTSP/1.0 403 Forbidden").contains("CSeq: 1", "resource unknown or not allowed");
        assertThat(RtspClients.ask(at, "DESCRIBE", peers.url("garage/secret/test"))).startsWith("RTSP/1.0 403");
        assertThat(RtspClients.ask(at, "DESCRIBE", peers.url("nobody/camera/test")))
                .startsWith("RTSP/1.0 404 Not Found").contains("unknown peer or peer offline");
        assertThat(RtspClients.ask(at, "DESCRIBE", peers.url("garage/closed/test")))
                .startsWith("RTSP/1.0 503 Service Unavailable").contains("refused");
        assertThat(RtspClients.ask(at, "DESCRIBE", peers.url("test")))
                .startsWith("RTSP/1.0 400 Bad Request").contains("PEER/RESOURCE");
        try (Player wrong = Player.play(peers.url("garage/nosuch/test"), 2)) {
            assertThat(wrong.await(30)).isNotZero();
            assertThat(wrong.errors()).contains("403");
        }
        try (Player right = Player.play(peers.url("garage/camera/test"), 2)) {
            assertThat(right.await(30)).as(right.errors()).isZero();
            assertThat(right.frames()).isGreaterThanOrEqualTo(2 * FPS - 5);
        }
    }

    @Test
    void severalClientsPlayTheSameCameraAndOneLeavingStopsNoOther() throws Exception {
        try (Player leaving = Player.play(peers.url("garage/camera/test"), 2);
                Player a = Player.play(peers.url("garage/camera/test"), 6);
                Player b = Player.play(peers.url("garage/camera/test"), 6)) {
            assertThat(leaving.await(30)).as(leaving.errors()).isZero();
            long left = System.nanoTime();
            long aAtLeave = a.frames();
            long bAtLeave = b.frames();
            assertThat(a.await(30)).as(a.errors()).isZero();
            assertThat(b.await(30)).as(b.errors()).isZero();
            assertThat(a.frames() - aAtLeave).as("frames after the first client left").isGreaterThan(2 * FPS);
            assertThat(b.frames() - bAtLeave).isGreaterThan(2 * FPS);
            log.info("one of three left after {} frames; the others went on for {} ms", leaving.frames(),
                    (System.nanoTime() - left) / 1_000_000);
        }
    }

    @Test
    void fourClientsKeepTheFrameRateWhileABulkTransferSharesTheSession() throws Exception {
        int seconds = 12;
        List<Player> players = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean playing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong bulkBytes = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.CompletableFuture<Void> bulk = null;
        try {
            for (int i = 0; i < 4; i++) {
                players.add(Player.play(peers.url("garage/camera/test"), seconds));
            }
            long started = System.nanoTime();
            bulk = java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (long seed = 0; playing.get(); seed++) {
                    io.p2proxy.testkit.Transfers.Result r = io.p2proxy.testkit.Transfers.echo(
                            peers.bulkForward.localAddress(), 16L << 20, seed);
                    assertThat(r.received()).isEqualTo(r.sent());
                    bulkBytes.addAndGet(r.bytesReceived());
                }
            });
            for (Player p : players) {
                assertThat(p.await(seconds + 30)).as(p.errors()).isZero();
            }
            playing.set(false);
            bulk.get(60, java.util.concurrent.TimeUnit.SECONDS);
            double secs = (System.nanoTime() - started) / 1e9;
            log.info("bulk echo beside four players: {} MiB each way in {} s ({} MiB/s)", bulkBytes.get() >> 20,
                    String.format("%.1f", secs), String.format("%.1f", bulkBytes.get() / 1048576.0 / secs));
            assertThat(bulkBytes.get()).isGreaterThanOrEqualTo(16L << 20);
            assertThat(peers.laptop.size()).as("players and bulk share one session").isEqualTo(1);
            for (int i = 0; i < players.size(); i++) {
                Player p = players.get(i);
                log.info("client {} beside bulk: {} frames, {} fps, longest gap {} ms", i, p.frames(),
                        String.format("%.2f", p.fps()), p.longestStallMillis());
                assertThat(p.frames()).isGreaterThanOrEqualTo((long) (seconds * FPS * 0.95));
                assertThat(p.fps()).isBetween(FPS * 0.9, FPS * 1.15);
                assertThat(p.longestStallMillis()).as("longest time without a new frame").isLessThan(1000);
            }
        } finally {
            playing.set(false);
            for (Player p : players) {
                p.close();
            }
        }
    }

    @Test
    void fourClientsAtOnceEachReceiveTheServersFrameRateWithoutStalls() throws Exception {
        int seconds = 12;
        List<Player> players = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                players.add(Player.play(peers.url("garage/camera/test"), seconds));
            }
            for (Player p : players) {
                assertThat(p.await(seconds + 30)).as(p.errors()).isZero();
            }
            for (int i = 0; i < players.size(); i++) {
                Player p = players.get(i);
                log.info("client {}: {} frames, {} fps, longest gap {} ms", i, p.frames(),
                        String.format("%.2f", p.fps()), p.longestStallMillis());
                assertThat(p.frames()).isGreaterThanOrEqualTo((long) (seconds * FPS * 0.95));
                assertThat(p.fps()).isBetween(FPS * 0.9, FPS * 1.15); // ffmpeg reads a little ahead at the start
                assertThat(p.longestStallMillis()).as("longest time without a new frame").isLessThan(1000); // progress arrives every 0.2 s; a stall is a second without a frame
            }
        } finally {
            for (Player p : players) {
                p.close();
            }
        }
    }
}
