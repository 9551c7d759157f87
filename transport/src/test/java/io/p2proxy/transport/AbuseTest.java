package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.testkit.Fds;
import io.p2proxy.testkit.Transfers;
import io.p2proxy.transport.internal.StreamWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input on the stream layer from an authenticated but misbehaving peer: each bad stream gets
 * an error or a reset, the connection keeps serving, and nothing stays behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbuseTest {

    private static final byte[] BAD_REQUEST = {StreamWire.VERSION, 4};
    private static final TransportConfig CONFIG = TransportConfig.defaults()
            .withStreams(64, 3, 16)
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(10));

    @Test
    void garbageOpenFramesAreAnsweredBadRequestAndTheConnectionKeepsServing() throws Exception {
        try (Fixture f = new Fixture(CONFIG); RawQuic raw = new RawQuic(f.pair)) {
            Random random = new Random(42);
            List<RawQuic.Raw> streams = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                byte[] garbage = new byte[1 + random.nextInt(600)];
                random.nextBytes(garbage);
                if (i % 4 == 0) {
                    garbage[0] = StreamWire.VERSION; // a plausible start that goes wrong later
                    if (garbage.length > 1) {
                        garbage[1] = StreamWire.TYPE_OPEN;
                    }
                }
                streams.add(raw.open(garbage));
            }
            for (RawQuic.Raw s : streams) {
                assertThat(s.ended.get(5, TimeUnit.SECONDS)).isIn("fin", "closed");
                assertThat(s.received()).isEqualTo(BAD_REQUEST);
            }
            assertStillServing(f);
        }
    }

    @Test
    void anOversizedOpenIsRefusedAtOnce() throws Exception {
        try (Fixture f = new Fixture(CONFIG); RawQuic raw = new RawQuic(f.pair)) {
            // A body length over the limit: refused from the 4-byte header alone, before any body.
            RawQuic.Raw tooLong = raw.open(new byte[] {1, 'O', 0x02, 0x58});
            // A resource name of 200 characters (the limit is 63) in a body under the size limit.
            byte[] longName = new byte[4 + 1 + 200 + 1];
            longName[0] = 1;
            longName[1] = 'O';
            longName[3] = (byte) (1 + 200 + 1);
            longName[4] = (byte) 200;
            java.util.Arrays.fill(longName, 5, 205, (byte) 'a');
            RawQuic.Raw named = raw.open(longName);
            long start = System.nanoTime();
            for (RawQuic.Raw s : List.of(tooLong, named)) {
                assertThat(s.ended.get(5, TimeUnit.SECONDS)).isIn("fin", "closed");
                assertThat(s.received()).isEqualTo(BAD_REQUEST);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for the open timeout")
                    .isLessThan(Duration.ofMillis(900));
            assertStillServing(f);
        }
    }

    @Test
    void anOpenThatNeverCompletesTimesOut() throws Exception {
        try (Fixture f = new Fixture(CONFIG); RawQuic raw = new RawQuic(f.pair)) {
            long start = System.nanoTime();
            RawQuic.Raw slow = raw.open(new byte[] {1, 'O', 0, 20, 4, 'e', 'c'}); // 20-byte body, 3 sent
            RawQuic.Raw silent = raw.open(new byte[0]); // a stream that never says anything
            silent.ended.completeOnTimeout("none", 10, TimeUnit.SECONDS);
            assertThat(slow.ended.get(5, TimeUnit.SECONDS)).isIn("fin", "closed");
            assertThat(slow.received()).isEqualTo(BAD_REQUEST);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertStillServing(f);
        }
    }

    @Test
    void aPeerThatOpensStreamsWithoutEndIsBoundedAndCostsNothingLasting() throws Exception {
        try (Fixture f = new Fixture(CONFIG)) {
            java.net.InetSocketAddress bio = f.pair.forward("bio");
            Transfers.Result warm = Transfers.echo(bio, 1000, 1);
            assertThat(warm.received()).isEqualTo(warm.sent());
            long baseline = Fds.count();
            try (RawQuic raw = new RawQuic(f.pair)) {
                for (int round = 0; round < 3; round++) {
                    List<RawQuic.Raw> opened = new ArrayList<>();
                    int refusedLocally = 0;
                    for (int i = 0; i < 200; i++) {
                        try {
                            opened.add(raw.open(new byte[] {1})); // starts an OPEN, never finishes it
                        } catch (Exception outOfCredit) {
                            refusedLocally++; // QUIC's stream limit (RFC 9000 section 4.6): B grants 64
                        }
                    }
                    // While the flood is pending, A's own streams are served.
                    Transfers.Result during = Transfers.echo(bio, 100_000, round);
                    assertThat(during.received()).isEqualTo(during.sent());
                    Map<String, Long> outcomes = new java.util.TreeMap<>();
                    for (RawQuic.Raw s : opened) {
                        String how = s.ended.get(5, TimeUnit.SECONDS);
                        String what = how.startsWith("reset") ? how : how + " " + java.util.Arrays.toString(s.received());
                        outcomes.merge(what, 1L, Long::sum);
                    }
                    System.out.printf("flood round %d: %d opened, %d refused by QUIC credit, outcomes %s%n",
                            round, opened.size(), refusedLocally, outcomes);
                    // The flooder's own credit may stall (it is slow to finish its side of each stream):
                    // that costs only the flooder. Whatever it opened is bounded the same way.
                    assertThat(opened.size() + refusedLocally).isEqualTo(200);
                    long busy = outcomes.getOrDefault("reset 0x104", 0L);
                    assertThat(busy).as("BUSY beyond maxPendingOpens (16)").isEqualTo(Math.max(0, opened.size() - 16));
                    assertThat(outcomes.getOrDefault("fin " + java.util.Arrays.toString(BAD_REQUEST), 0L))
                            .as("the first 16 end with BAD_REQUEST at the open timeout")
                            .isEqualTo(Math.min(16, opened.size()));
                    await().atMost(Duration.ofSeconds(5)).until(() -> f.pair.b.stats().get().openStreams() == 0);
                }
                // More connections: B takes maxConnections (3) of this pair in all, and refuses the rest.
                List<io.netty.util.concurrent.Future<io.netty.handler.codec.quic.QuicChannel>> more = new ArrayList<>();
                List<io.netty.handler.codec.quic.QuicChannel> channels = new java.util.concurrent.CopyOnWriteArrayList<>();
                for (int i = 0; i < 3; i++) {
                    more.add(RawQuic.connect(f.pair, channels));
                }
                // A refused handshake gets no answer (closed before TLS), so it never completes: count B's side.
                await().atMost(Duration.ofSeconds(5)).during(Duration.ofMillis(1500)).until(() ->
                        f.pair.b.stats().get().quicConnections() == 3);
                assertThat(more.stream().filter(m -> m.isSuccess() && m.getNow().isActive()).count())
                        .as("connections beyond the limit get in").isLessThan(3);
                for (var ch : channels) {
                    ch.close(true, io.p2proxy.transport.internal.AppCodes.CONN_SURPLUS,
                            io.netty.buffer.Unpooled.EMPTY_BUFFER).syncUninterruptibly();
                }
            }
            Transfers.Result after = Transfers.echo(bio, 100_000, 9);
            assertThat(after.received()).isEqualTo(after.sent());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(f.pair.b.stats().get().openStreams()).isZero();
                assertThat(f.pair.b.stats().get().quicConnections()).isEqualTo(1);
                assertThat(Fds.count()).isLessThanOrEqualTo(baseline);
            });
        }
    }

    private static void assertStillServing(Fixture f) throws Exception {
        Transfers.Result r = Transfers.echo(f.pair.forward("bio"), 100_000, 7);
        assertThat(r.received()).isEqualTo(r.sent());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(f.pair.b.stats().get().openStreams()).isZero());
    }
}
