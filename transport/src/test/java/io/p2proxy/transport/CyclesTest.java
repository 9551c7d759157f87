package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.testkit.Fds;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many short streams through one {@link QuicPeerConnection}: nothing may accumulate, neither
 * descriptors, nor streams, nor buffers (the testkit's paranoid leak check fails the class), nor
 * QUIC stream credit (a stream whose end is never collected costs its connection one stream of
 * its limit for good).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CyclesTest {

    @Test
    void aThousandOpenTransferCloseCyclesLeaveNothingBehind() throws Exception {
        try (Fixture f = new Fixture()) {
            InetSocketAddress forward = f.pair.echoAddress();
            cycle(forward, 0); // warm: the QUIC connection, thread pools, lazily opened files
            long baseline = Fds.count();
            long start = System.nanoTime();
            for (int i = 1; i <= 1000; i++) {
                cycle(forward, i);
            }
            System.out.printf("1000 cycles in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(f.pair.a.stats().get().openStreams()).isZero();
                assertThat(f.pair.b.stats().get().openStreams()).isZero();
                assertThat(Fds.count()).isLessThanOrEqualTo(baseline);
            });
            ConnectionStats a = f.pair.a.stats().get();
            assertThat(Internals.credit(f.pair.a)).as("credit of finished streams comes back").isGreaterThanOrEqualTo(32);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(f.pair.a.stats().get().quicConnections()).as("surplus connections retire").isEqualTo(1));
            System.out.printf("after 1000 cycles: descriptors %d (baseline %d), A %s%n", Fds.count(), baseline, a);
        }
    }

    @Test
    void refusalsDoNotUseUpStreamCredit() throws Exception {
        creditSurvives("refusals", (unknown, bio) -> {
            try (Socket s = new Socket(unknown.getAddress(), unknown.getPort())) {
                s.setSoTimeout(10_000);
                try {
                    assertThat(s.getInputStream().read()).isEqualTo(-2);
                } catch (SocketException expected) {
                    // reset: NOT_FOUND_OR_DENIED
                }
            }
        });
    }

    @Test
    void clientResetsDoNotUseUpStreamCredit() throws Exception {
        creditSurvives("client resets", (unknown, bio) -> {
            try (Socket s = new Socket(bio.getAddress(), bio.getPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(1);
                assertThat(s.getInputStream().read()).isEqualTo(1);
                s.setSoLinger(true, 0);
            }
        });
    }

    interface Step {
        void run(InetSocketAddress unknown, InetSocketAddress bio) throws Exception;
    }

    /** 100 streams that end abnormally on a connection that allows 16: all must give their credit back. */
    private static void creditSurvives(String what, Step step) throws Exception {
        try (Fixture f = new Fixture(TransportConfig.defaults().withStreams(16, 1024, 16))) {
            InetSocketAddress unknown = f.pair.forward("nosuch");
            InetSocketAddress bio = f.pair.forward("bio");
            for (int i = 0; i < 100; i++) {
                step.run(unknown, bio);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(f.pair.b.stats().get().openStreams()).isZero());
            // quiche tops credit up (MAX_STREAMS) once half is used: a leak would leave 0 after 100 streams.
            assertThat(Internals.credit(f.pair.a)).as("credit of finished streams comes back").isGreaterThanOrEqualTo(8);
            System.out.println("after 100 " + what + ", 16 streams per connection: A " + f.pair.a.stats().get());
        }
    }

    private static void cycle(InetSocketAddress forward, int i) throws Exception {
        try (Socket s = new Socket(forward.getAddress(), forward.getPort())) {
            s.setSoTimeout(10_000);
            byte[] data = new byte[4096];
            java.util.Arrays.fill(data, (byte) i);
            OutputStream out = s.getOutputStream();
            out.write(data);
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }
}
