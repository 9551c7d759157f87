package io.p2proxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.p2proxy.testkit.Fds;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is left after many connections, and what a client sees when the tunnel goes away. */
class LifecycleTest {

    ProxyPeers peers;

    @BeforeEach
    void start() throws Exception {
        peers = new ProxyPeers(Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    @Test
    void twoHundredSocksConnectCloseCyclesLeaveNoDescriptorsStreamsOrSessions() throws Exception {
        long baseline = Fds.count();
        for (int i = 0; i < 200; i++) {
            try (Socket s = Clients.connect(peers.socks.localAddress())) {
                s.getOutputStream().write(Clients.socksConnect("echo.garage.p2p", 7, new byte[] {(byte) i}));
                InputStream in = s.getInputStream();
                assertThat(Clients.socksReply(in)).isZero();
                assertThat(in.read()).isEqualTo(i & 0xff);
                s.shutdownOutput();
                assertThat(in.read()).as("the echo's FIN travels back").isEqualTo(-1);
            }
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(peers.echo.openConnections()).isZero();
            assertThat(peers.laptop.size()).as("sessions after linger").isZero();
            assertThat(peers.garage.size()).isZero();
            assertThat(Fds.count()).isLessThanOrEqualTo(baseline);
        });
        assertThat(peers.echo.accepted()).isEqualTo(200);
    }

    @Test
    void aTunnelLostMidStreamResetsTheSocksAndHttpClients() throws Exception {
        try (Socket socks = Clients.connect(peers.socks.localAddress());
                Socket http = Clients.connect(peers.http.localAddress())) {
            socks.getOutputStream().write(Clients.socksConnect("echo.garage.p2p", 7, new byte[] {42}));
            assertThat(Clients.socksReply(socks.getInputStream())).isZero();
            assertThat(socks.getInputStream().read()).isEqualTo(42);
            http.getOutputStream().write("CONNECT echo.garage.p2p:7 HTTP/1.1\r\n\r\n!".getBytes());
            assertThat(Clients.head(http.getInputStream())).startsWith("HTTP/1.1 200 ");
            assertThat(http.getInputStream().read()).isEqualTo('!');

            peers.garage.close(); // the publishing peer goes away: streams are cut short

            for (Socket s : new Socket[] {socks, http}) {
                assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
                        .hasMessageContaining("reset");
            }
        }
    }
}
