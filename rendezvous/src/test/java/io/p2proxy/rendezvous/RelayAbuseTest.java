package io.p2proxy.rendezvous;

import static io.p2proxy.rendezvous.RelayTest.errorsSoFar;
import static io.p2proxy.rendezvous.RelayTest.introduce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.Unpooled;
import io.p2proxy.common.Identity;
import io.p2proxy.signal.ErrorCode;
import io.p2proxy.signal.RelayFrame;
import io.p2proxy.signal.SignalCodec;
import io.p2proxy.signal.SignalMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the relay does with senders that are too fast, not allowed, or broken; alice and bob carry on. */
class RelayAbuseTest {

    private static final int DATAGRAM = 1000;

    @Test
    void datagramsBeyondTheByteBucketAreDroppedSilently() throws Exception {
        // 10 datagrams of burst and a refill too slow to matter during the test.
        try (TwoPeers peers = new TwoPeers(ServerLimits.DEFAULTS.withRelayRate(1, 10 * DATAGRAM))) {
            introduce(peers);
            for (int i = 0; i < 25; i++) {
                assertThat(peers.alice.relay("bob", Unpooled.wrappedBuffer(new byte[DATAGRAM]))).isTrue();
            }
            peers.assertStillRouting(); // the signal reaches bob after every relayed frame sent before it
            assertThat(peers.bobEvents.relayed).hasSize(10);
            assertThat(errorsSoFar(peers)).as("over the rate is silent, like UDP").isEmpty();
            assertThat(peers.server.meters().scrape())
                    .contains("p2proxy_signal_relay_dropped_total{reason=\"rate_limited\"} 15.0")
                    .contains("p2proxy_signal_relay_frames_total 10.0");
            assertThat(peers.server.status().relays()).containsExactly(new ServerStatus.Relay("alice", "bob", 10 * DATAGRAM));
        }
    }

    @Test
    void aServerWithoutRelayIsNotAskedByOurClientAndRefusesOthersOnce() throws Exception {
        try (TwoPeers peers = new TwoPeers(TestServers.withAdmin(false), ServerLimits.DEFAULTS);
             RawWebSocket eve = new RawWebSocket(peers.server)) {
            assertThat(peers.alice.welcome().relay()).isFalse();
            introduce(peers);
            var datagram = Unpooled.buffer(1).writeByte(1);
            assertThat(peers.alice.relay("bob", datagram)).isFalse();
            assertThat(datagram.refCnt()).isZero();

            eve.login("eve", Identity.generate());
            eve.sendBinary(frame("bob", 3), true);
            eve.sendBinary(frame("bob", 3), true);
            eve.send("{\"type\":\"signal\",\"to\":\"nobody\",\"payload\":1}");
            JsonNode refused = eve.next();
            assertThat(refused.get("code").asText()).isEqualTo("relay_refused");
            assertThat(refused.get("ref").asText()).isEqualTo("bob");
            assertThat(refused.get("reason").asText())
                    .isEqualTo("relay to bob refused: this server does not relay (relay = false)");
            assertThat(eve.next().get("code").asText()).as("told once").isEqualTo("unknown_peer");
            assertThat(peers.server.meters().scrape())
                    .contains("p2proxy_signal_relay_dropped_total{reason=\"relay_off\"} 2.0");
            peers.assertStillRouting();
            assertThat(peers.bobEvents.relayed).isEmpty();
        }
    }

    @Test
    void malformedBinaryFramesAreDroppedAndTheConnectionAndOtherPeersKeepWorking() throws Exception {
        try (TwoPeers peers = new TwoPeers(ServerLimits.DEFAULTS);
             RawWebSocket eve = new RawWebSocket(peers.server)) {
            eve.sendBinary(frame("bob", 5), true); // before login: dropped, no answer
            eve.login("eve", Identity.generate());
            byte[] junk = new byte[3000];
            new Random(7).nextBytes(junk);
            byte[][] malformed = {
                new byte[0],
                {0, 1, 2, 3},                                  // n = 0
                concat(new byte[] {64}, new byte[64], new byte[] {1}), // n > 63
                concat(new byte[] {3}, "Bob".getBytes(StandardCharsets.US_ASCII), new byte[] {1}),
                concat(new byte[] {3}, "-ob".getBytes(StandardCharsets.US_ASCII), new byte[] {1}),
                concat(new byte[] {3}, "bob".getBytes(StandardCharsets.US_ASCII)), // no datagram
                frame("bob", RelayFrame.MAX_DATAGRAM_BYTES + 1),
                junk,
            };
            for (byte[] m : malformed) {
                eve.sendBinary(m, true);
            }
            eve.sendBinary(frame("bob", 10), false); // a fragmented frame: first part...
            eve.sendBinary(new byte[10], true);       // ...and its continuation
            eve.send(SignalCodec.encode(SignalMessage.Signal.to("alice", JsonNodeFactory.instance.textNode("still here"))));
            RecordingListener.Received got = peers.aliceEvents.signals.poll(5, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.from()).isEqualTo("eve");
            assertThat(eve.closed).isNotDone();
            assertThat(eve.received).as("malformed frames get no answer").isEmpty();
            assertThat(peers.server.meters().scrape())
                    .contains("p2proxy_signal_relay_dropped_total{reason=\"malformed\"} " + (malformed.length + 2.0))
                    .contains("p2proxy_signal_relay_dropped_total{reason=\"not_logged_in\"} 1.0");
            peers.assertStillRouting();
            introduce(peers);
            assertThat(peers.alice.relay("bob", Unpooled.wrappedBuffer(new byte[] {9}))).isTrue();
            assertThat(peers.bobEvents.relayed.poll(5, TimeUnit.SECONDS).datagram()).containsExactly(9);
            assertThat(peers.bobEvents.relayed).isEmpty();
        }
    }

    @Test
    void aTargetThatDoesNotReadLosesDatagramsInsteadOfTheServerBufferingThem() throws Exception {
        try (TwoPeers peers = new TwoPeers(ServerLimits.DEFAULTS.withRelayRate(1L << 30, 1L << 30));
             RawWebSocket eve = new RawWebSocket(peers.server)) {
            eve.login("eve", Identity.generate());
            eve.send(SignalCodec.encode(SignalMessage.Signal.to("alice", JsonNodeFactory.instance.textNode("offer"))));
            assertThat(peers.aliceEvents.signals.poll(5, TimeUnit.SECONDS)).isNotNull();
            eve.stopReading();
            assertThat(peers.alice.send("eve", JsonNodeFactory.instance.textNode("answer"))).isTrue();
            assertThat(eve.next().get("type").asText()).isEqualTo("signal");

            // Until the kernel buffers on both sides are full, then Netty's watermark: from then on, drops.
            Counter notWritable = peers.server.meters().get("p2proxy.signal.relay.dropped")
                    .tag("reason", "not_writable").counter();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
                for (int i = 0; i < 256; i++) {
                    peers.alice.relay("eve", Unpooled.wrappedBuffer(new byte[RelayFrame.MAX_DATAGRAM_BYTES]));
                }
                return notWritable.count() > 0;
            });
            assertThat(eve.closed).isNotDone();
            peers.assertStillRouting();
            introduce(peers);
            assertThat(peers.alice.relay("bob", Unpooled.wrappedBuffer(new byte[] {4}))).isTrue();
            assertThat(peers.bobEvents.relayed.poll(5, TimeUnit.SECONDS).datagram()).containsExactly(4);
        }
    }

    /** A well-formed frame's bytes for {@code peer}, with a datagram of {@code size} bytes. */
    private static byte[] frame(String peer, int size) {
        return concat(new byte[] {(byte) peer.length()}, peer.getBytes(StandardCharsets.US_ASCII), new byte[size]);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
