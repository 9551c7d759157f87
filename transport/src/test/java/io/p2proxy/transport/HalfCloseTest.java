package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.testkit.Transfers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC.md: "A TCP half-close (FIN) travels end to end; the other direction keeps flowing." */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HalfCloseTest {

    @Test
    void aClientThatHalfClosesStillReceivesTheWholeReply() throws Exception {
        try (Fixture f = new Fixture()) {
            Transfers.Result r = Transfers.echo(f.pair.forward("bio"), 8L << 20, 3);
            assertThat(r.bytesReceived()).isEqualTo(8L << 20);
            assertThat(r.received()).isEqualTo(r.sent());
        }
    }

    @Test
    void aServiceThatHalfClosesFirstStillReceivesTheWholeRequest() throws Exception {
        try (Services.SpeaksFirst service = new Services.SpeaksFirst(4L << 20, 5);
             Fixture f = new Fixture(TransportConfig.defaults(), null, null, Map.of("first", service.address()))) {
            InetSocketAddress forward = f.pair.forward("first");
            try (Socket s = Clients.connect(forward.getPort())) {
                String greeting = Services.readAll(s.getInputStream()); // until the service's FIN
                String request = Services.write(s.getOutputStream(), 3L << 20, 6); // after it, still flowing
                s.shutdownOutput();
                assertThat(greeting).isEqualTo(service.sent.get(10, TimeUnit.SECONDS));
                assertThat(service.received.get(20, TimeUnit.SECONDS)).isEqualTo(request);
            }
        }
    }

    /**
     * quiche #2525: a FIN with no data can be lost. Half of the clients half-close with nothing
     * queued (an empty FIN on TCP), half after a round trip; every stream must end in both
     * directions within a bound, none left to the idle timeout.
     */
    @Test
    void twoHundredFiftySixStreamsThatHalfCloseAllFinish() throws Exception {
        int streams = 256;
        try (Fixture f = new Fixture()) {
            InetSocketAddress forward = f.pair.forward("bio");
            ExecutorService clients = Executors.newFixedThreadPool(64);
            try {
                List<Future<Long>> all = new ArrayList<>();
                for (int i = 0; i < streams; i++) {
                    boolean emptyFin = i % 2 == 0;
                    all.add(clients.submit(() -> halfCloseRoundTrip(forward, emptyFin)));
                }
                int hung = 0;
                long slowest = 0;
                for (int i = 0; i < all.size(); i++) {
                    try {
                        slowest = Math.max(slowest, all.get(i).get(20, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        hung++;
                        System.out.printf("stream %d (%s) hung: %s%n", i, i % 2 == 0 ? "empty FIN" : "FIN after data", e.getCause());
                    }
                }
                System.out.println("A " + f.pair.a.stats().get() + " B " + f.pair.b.stats().get());
                System.out.printf("half-close: %d streams, %d hung, slowest %d ms%n", streams, hung, slowest);
                assertThat(hung).as("streams that did not finish within 5 s").isZero();
            } finally {
                clients.shutdownNow();
            }
        }
    }

    /** @return milliseconds from the half-close to the far side's FIN */
    private static long halfCloseRoundTrip(InetSocketAddress forward, boolean emptyFin) throws IOException {
        try (Socket s = new Socket(forward.getAddress(), forward.getPort())) {
            s.setSoTimeout(5_000); // the bound: a lost FIN would wait for the 30 s idle timeout
            InputStream in = s.getInputStream();
            byte[] hello = "hello, half-close".getBytes();
            if (!emptyFin) {
                s.getOutputStream().write(hello);
                try {
                    assertThat(in.readNBytes(hello.length)).isEqualTo(hello);
                } catch (IOException e) {
                    throw new IOException("client port " + s.getLocalPort() + " waiting for the echo: " + e.getMessage(), e);
                }
            }
            long start = System.nanoTime();
            s.shutdownOutput();
            try {
                assertThat(in.read()).isEqualTo(-1); // the echo's own FIN, after everything
            } catch (IOException e) {
                throw new IOException("client port " + s.getLocalPort() + ": " + e.getMessage(), e);
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }
}
