package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.buffer.Unpooled;
import io.p2proxy.common.Identity;
import io.p2proxy.signal.ErrorCode;
import io.p2proxy.signal.RelayFrame;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalMessage.Error;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** alice and bob relay datagrams through a real server once it has introduced them, and only then. */
class RelayTest {

    static final int DATAGRAMS = 3000;
    static final int WINDOW = 32; // in flight per direction: 48 KB, under Netty's 64 KiB write watermark

    private TwoPeers peers;

    @BeforeEach
    void start() throws Exception {
        // Fast enough that the bulk test never meets the byte bucket; RelayAbuseTest tests the bucket.
        peers = new TwoPeers(TestServers.withAdmin(true), ServerLimits.DEFAULTS.withRelayRate(256L << 20, 64L << 20));
    }

    @AfterEach
    void stop() throws Exception {
        peers.assertStillRouting();
        peers.close();
    }

    @Test
    void introducedPeersRelayThousandsOfDatagramsBothWaysByteForByte() throws Exception {
        introduce(peers);
        MessageDigest sentToBob = MessageDigest.getInstance("SHA-256");
        MessageDigest sentToAlice = MessageDigest.getInstance("SHA-256");
        MessageDigest gotByBob = MessageDigest.getInstance("SHA-256");
        MessageDigest gotByAlice = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        long bytes = 0;
        for (int done = 0; done < DATAGRAMS; done += WINDOW) {
            for (int i = 0; i < WINDOW; i++) {
                bytes += relay(peers.alice, "bob", random, sentToBob) + relay(peers.bob, "alice", random, sentToAlice);
            }
            for (int i = 0; i < WINDOW; i++) {
                receive(peers.bobEvents, "alice", gotByBob);
                receive(peers.aliceEvents, "bob", gotByAlice);
            }
        }
        assertThat(gotByBob.digest()).isEqualTo(sentToBob.digest());
        assertThat(gotByAlice.digest()).isEqualTo(sentToAlice.digest());
        assertThat(errorsSoFar(peers)).isEmpty();

        int frames = 2 * ((DATAGRAMS + WINDOW - 1) / WINDOW) * WINDOW;
        assertThat(peers.server.status().relays()).containsExactly(new ServerStatus.Relay("alice", "bob", bytes));
        JsonNode status = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + peers.server.adminAddress().getPort() + "/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(status.get("relays")).hasSize(1);
        assertThat(status.get("relays").get(0).get("a").asText()).isEqualTo("alice");
        assertThat(status.get("relays").get(0).get("b").asText()).isEqualTo("bob");
        assertThat(status.get("relays").get(0).get("bytes").asLong()).isEqualTo(bytes);
        assertThat(peers.server.meters().scrape()).contains("p2proxy_signal_relay_frames_total " + (double) frames)
                .contains("p2proxy_signal_relay_bytes_total " + (double) bytes);
    }

    @Test
    void oneSignalIsNotAnIntroductionAndTheRefusalIsToldExactlyOnce() throws Exception {
        assertThat(peers.alice.send("bob", JsonNodeFactory.instance.textNode("offer"))).isTrue();
        assertThat(peers.bobEvents.signals.poll(5, TimeUnit.SECONDS)).isNotNull();
        for (int i = 0; i < 10; i++) {
            assertThat(peers.alice.relay("bob", Unpooled.wrappedBuffer(new byte[] {1, 2, (byte) i}))).isTrue();
        }
        assertThat(errorsSoFar(peers)).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RELAY_REFUSED);
            assertThat(e.ref()).isEqualTo("bob");
            assertThat(e.reason()).isEqualTo(
                    "relay to bob refused: no session introduced between you (a signal each way first)");
        });
        assertThat(peers.bobEvents.relayed).isEmpty();
        assertThat(peers.server.status().relays()).isEmpty();
        assertThat(peers.server.meters().scrape())
                .contains("p2proxy_signal_relay_dropped_total{reason=\"not_introduced\"} 10.0")
                .contains("p2proxy_signal_errors_total{code=\"relay_refused\"} 1.0");

        // The answer completes the introduction: now the same datagram goes through.
        assertThat(peers.bob.send("alice", JsonNodeFactory.instance.textNode("answer"))).isTrue();
        assertThat(peers.aliceEvents.signals.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(peers.alice.relay("bob", Unpooled.wrappedBuffer(new byte[] {7}))).isTrue();
        RecordingListener.Relayed got = peers.bobEvents.relayed.poll(5, TimeUnit.SECONDS);
        assertThat(got.from()).isEqualTo("alice");
        assertThat(got.datagram()).containsExactly(7);
    }

    @Test
    void afterOneSideLogsOutTheRelayIsRefusedAndTheStatusForgetsThePair() throws Exception {
        Identity carolId = Identity.generate();
        RecordingListener carolEvents = new RecordingListener();
        SignalClient carol = peers.add("carol", carolId, carolEvents);
        TwoPeers.awaitConnected(carol);
        introduce(peers.alice, "alice", peers.aliceEvents, carol, "carol", carolEvents);
        assertThat(peers.alice.relay("carol", Unpooled.wrappedBuffer(new byte[] {1}))).isTrue();
        assertThat(carolEvents.relayed.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(peers.server.status().relays()).containsExactly(new ServerStatus.Relay("alice", "carol", 1));

        carol.close();
        await().until(() -> peers.server.status().peers().size() == 2 && peers.server.status().relays().isEmpty());
        assertThat(peers.alice.relay("carol", Unpooled.wrappedBuffer(new byte[] {2}))).isTrue();
        assertThat(errorsSoFar(peers)).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RELAY_REFUSED);
            assertThat(e.reason()).isEqualTo("relay to carol refused: peer carol is offline");
        });

        // carol again, on a new connection: the old introduction does not carry over.
        RecordingListener again = new RecordingListener();
        TwoPeers.awaitConnected(peers.add("carol", carolId, again));
        assertThat(peers.alice.relay("carol", Unpooled.wrappedBuffer(new byte[] {3}))).isTrue();
        assertThat(errorsSoFar(peers)).as("refused silently: already told in this streak").isEmpty();
        assertThat(again.relayed).isEmpty();
        assertThat(peers.server.meters().scrape())
                .contains("p2proxy_signal_relay_dropped_total{reason=\"offline\"} 1.0")
                .contains("p2proxy_signal_relay_dropped_total{reason=\"not_introduced\"} 1.0");
    }

    @Test
    void aPeerCannotRelayToItselfEvenAfterSignallingItself() throws Exception {
        assertThat(peers.alice.send("alice", JsonNodeFactory.instance.textNode("me"))).isTrue();
        assertThat(peers.aliceEvents.signals.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(peers.alice.relay("alice", Unpooled.wrappedBuffer(new byte[] {1}))).isTrue();
        assertThat(errorsSoFar(peers)).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RELAY_REFUSED);
            assertThat(e.reason()).isEqualTo("relay to alice refused: that is yourself");
        });
        assertThat(peers.aliceEvents.relayed).isEmpty();
    }

    @Test
    void theClientRefusesWhatNoServerWouldTake() {
        var empty = Unpooled.buffer(0);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> peers.alice.relay("bob", empty)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: 1..1500");
        assertThat(empty.refCnt()).as("released even when refused").isZero();
        var big = Unpooled.buffer(RelayFrame.MAX_DATAGRAM_BYTES + 1).writeZero(RelayFrame.MAX_DATAGRAM_BYTES + 1);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> peers.alice.relay("bob", big)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(big.refCnt()).isZero();
        var named = Unpooled.buffer(1).writeByte(1);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> peers.alice.relay("Bob!", named)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
        assertThat(named.refCnt()).isZero();
    }

    static void introduce(TwoPeers peers) throws InterruptedException {
        introduce(peers.alice, "alice", peers.aliceEvents, peers.bob, "bob", peers.bobEvents);
    }

    /** An offer one way, an answer back: what a session setup does, and what introduces a pair. */
    static void introduce(SignalClient a, String aName, RecordingListener aEvents, SignalClient b, String bName,
            RecordingListener bEvents) throws InterruptedException {
        assertThat(a.send(bName, JsonNodeFactory.instance.textNode("offer"))).isTrue();
        assertThat(bEvents.signals.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(b.send(aName, JsonNodeFactory.instance.textNode("answer"))).isTrue();
        assertThat(aEvents.signals.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    /**
     * Every error alice got for what she sent so far. A probe (a signal to nobody) is answered
     * after every reply to what she sent before it, so this also proves what did not come.
     */
    static List<Error> errorsSoFar(TwoPeers peers) throws InterruptedException {
        assertThat(peers.alice.send("nobody", JsonNodeFactory.instance.nullNode())).isTrue();
        List<Error> out = new ArrayList<>();
        while (true) {
            Error e = peers.aliceEvents.errors.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("the probe's answer within 5 s").isNotNull();
            if (e.code() == ErrorCode.UNKNOWN_PEER && "nobody".equals(e.ref())) {
                return out;
            }
            out.add(e);
        }
    }

    private static int relay(SignalClient from, String to, Random random, MessageDigest sent) {
        byte[] d = new byte[1 + random.nextInt(RelayFrame.MAX_DATAGRAM_BYTES)];
        random.nextBytes(d);
        sent.update(d);
        assertThat(from.relay(to, Unpooled.wrappedBuffer(d))).isTrue();
        return d.length;
    }

    private static void receive(RecordingListener events, String from, MessageDigest got) throws InterruptedException {
        RecordingListener.Relayed r = events.relayed.poll(5, TimeUnit.SECONDS);
        assertThat(r).as("a relayed datagram within 5 s").isNotNull();
        assertThat(r.from()).isEqualTo(from);
        got.update(r.datagram());
    }
}
