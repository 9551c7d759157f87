package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How streams spread over a pair's QUIC connections (LinkPool). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamPlacementTest {

    @Test
    void streamsBeyondOneConnectionsShareOpenMoreConnectionsAndThoseRetireWhenIdle() throws Exception {
        try (Fixture f = new Fixture(TransportConfig.defaults().withStreams(16, 1024, 16))) {
            List<Socket> held = holdOpen(f.pair.forward("bio"), 40);
            assertThat(f.pair.a.stats().get().quicConnections()).isEqualTo(3); // 16 + 16 + 8
            for (Socket s : held) {
                s.close();
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(f.pair.a.stats().get().openStreams()).isZero();
                assertThat(f.pair.a.stats().get().quicConnections()).as("surplus connections retire").isEqualTo(1);
            });
        }
    }

    @Test
    void anAcceptorThatGrantsFewerStreamsThanTheDialerPlacesStillGetsEveryStream() throws Exception {
        TransportConfig dialer = TransportConfig.defaults(); // places 64 per connection
        TransportConfig acceptor = TransportConfig.defaults().withStreams(16, 1024, 64); // grants 16
        try (Fixture f = new Fixture(dialer, acceptor, null, null, Map.of())) {
            List<Socket> held = holdOpen(f.pair.forward("bio"), 40);
            assertThat(f.pair.a.stats().get().quicConnections()).isGreaterThanOrEqualTo(3);
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anAcceptorThatAllowsFewerConnectionsKeepsThePairUp() throws Exception {
        TransportConfig dialer = TransportConfig.defaults().withStreams(16, 1024, 16)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(10));
        TransportConfig acceptor = TransportConfig.defaults().withStreams(16, 2, 16);
        try (Fixture f = new Fixture(dialer, acceptor, null, null, Map.of())) {
            List<Socket> held = holdOpen(f.pair.forward("bio"), 32); // two connections' worth
            InetSocketAddress forward = f.pair.forward("bio");
            try (Socket extra = new Socket(forward.getAddress(), forward.getPort())) {
                extra.setSoTimeout(10_000);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> extra.getInputStream().read())
                        .as("no room anywhere: the open times out, the client is reset")
                        .isInstanceOf(java.net.SocketException.class);
            }
            assertThat(f.pair.a.closeFuture().isDone()).as("the pair lives on").isFalse();
            assertThat(f.pair.a.stats().get().quicConnections()).isEqualTo(2);
            for (Socket s : held) {
                s.getOutputStream().write(9);
                assertThat(s.getInputStream().read()).isEqualTo(9);
                s.close();
            }
        }
    }

    /** Opens {@code n} echo connections and proves each is spliced end to end; they stay open. */
    private static List<Socket> holdOpen(InetSocketAddress forward, int n) throws Exception {
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket(forward.getAddress(), forward.getPort());
            s.setSoTimeout(10_000);
            held.add(s);
        }
        for (Socket s : held) {
            s.getOutputStream().write(7);
            InputStream in = s.getInputStream();
            assertThat(in.read()).isEqualTo(7);
        }
        return held;
    }
}
