package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC.md: "tunnel lost mid-stream: RST (never a clean FIN)". Eight spliced connections are up
 * and have exchanged data; then the path dies. Every client socket at A and every service-side
 * socket at B must be reset.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionLossTest {

    private static final int CONNECTIONS = 8;
    private static final TransportConfig SHORT_IDLE = TransportConfig.defaults()
            .withIdleTimeout(Duration.ofMillis(1500), Duration.ofMillis(500));

    @Test
    void closingTheAcceptorsUdpSocketResetsEverySplicedSocket() throws Exception {
        try (Fixture f = new Fixture(SHORT_IDLE)) {
            List<Socket> clients = establish(f);
            f.pair.udpB.close().syncUninterruptibly();
            assertAllReset(f, clients);
        }
    }

    @Test
    void losingEveryDatagramResetsEverySplicedSocketAtTheIdleTimeout() throws Exception {
        try (Fixture f = new Fixture(SHORT_IDLE)) {
            List<Socket> clients = establish(f);
            blackhole(f.pair.udpA);
            blackhole(f.pair.udpB);
            assertAllReset(f, clients);
            assertThat(f.pair.a.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(f.pair.b.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static List<Socket> establish(Fixture f) throws Exception {
        InetSocketAddress forward = f.pair.forward("bio");
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            Socket s = new Socket(forward.getAddress(), forward.getPort());
            s.setSoTimeout(10_000);
            s.getOutputStream().write("ping".getBytes());
            assertThat(new String(s.getInputStream().readNBytes(4))).isEqualTo("ping");
            clients.add(s);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> f.bio.openConnections() == CONNECTIONS);
        return clients;
    }

    private static void assertAllReset(Fixture f, List<Socket> clients) throws Exception {
        for (Socket s : clients) {
            try (s) {
                InputStream in = s.getInputStream();
                assertThatThrownBy(in::read).as("a cut-short stream must not end cleanly")
                        .isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(f.bio.resets()).isEqualTo(CONNECTIONS);
            assertThat(f.bio.openConnections()).isZero();
        });
    }

    /** Drops every datagram arriving at {@code udp}, ahead of the path handler. */
    private static void blackhole(DatagramChannel udp) {
        udp.eventLoop().submit(() -> udp.pipeline().addFirst("blackhole", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }
        })).syncUninterruptibly();
    }
}
