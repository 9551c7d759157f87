package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A TCP RST at either end arrives at the other as an RST (RESET_STREAM/STOP_SENDING between). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResetTest {

    @Test
    void aClientResetReachesTheServiceAsAReset() throws Exception {
        try (Fixture f = new Fixture()) {
            InetSocketAddress forward = f.pair.forward("bio");
            try (Socket s = new Socket(forward.getAddress(), forward.getPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("hello".getBytes());
                assertThat(new String(s.getInputStream().readNBytes(5))).isEqualTo("hello");
                s.setSoLinger(true, 0); // close() now sends RST
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> f.bio.resets() == 1);
            awaitNoStreams(f);
        }
    }

    @Test
    void aServiceResetReachesTheClientAsAResetNotAnEndOfStream() throws Exception {
        try (Services.Resets service = new Services.Resets();
             Fixture f = new Fixture(TransportConfig.defaults(), null, null, Map.of("rst", service.address()))) {
            InetSocketAddress forward = f.pair.forward("rst");
            try (Socket s = new Socket(forward.getAddress(), forward.getPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("x".getBytes());
                assertThatThrownBy(() -> s.getInputStream().read())
                        .isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
            }
            awaitNoStreams(f);
        }
    }

    /**
     * The opener's client half-closes (its END and FIN reach the acceptor), then resets while the
     * service is still sending: the acceptor gets STOP_SENDING on a stream whose receive side is
     * finished, which quiche completes and forgets without Netty noticing. The service must still
     * see its connection end, at once, not when the session closes.
     */
    @Test
    void aClientThatHalfClosesThenResetsStillEndsTheServicesConnection() throws Exception {
        for (int round = 0; round < 5; round++) {
            try (Services.SpeaksFirst service = new Services.SpeaksFirst(Long.MAX_VALUE, round);
                 Fixture f = new Fixture(TransportConfig.defaults(), null, null, Map.of("flood", service.address()))) {
                InetSocketAddress forward = f.pair.forward("flood");
                try (Socket s = new Socket(forward.getAddress(), forward.getPort())) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write('x');
                    s.shutdownOutput();
                    s.getInputStream().readNBytes(64 * 1024); // the service's bytes flow
                    s.setSoLinger(true, 0);
                }
                await().atMost(Duration.ofSeconds(5)).until(service.sent::isDone);
                assertThat(service.sent).isCompletedExceptionally();
                awaitNoStreams(f);
            }
        }
    }

    static void awaitNoStreams(Fixture f) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(f.pair.a.stats().get().openStreams()).isZero();
            assertThat(f.pair.b.stats().get().openStreams()).isZero();
        });
    }
}
