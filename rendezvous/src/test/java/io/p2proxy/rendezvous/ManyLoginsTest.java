package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.Identity;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManyLoginsTest {

    private static final int PEERS = 500;

    @Test
    void fiveHundredPeersLoggingInAtOnceAllSucceed() throws Exception {
        List<Identity> ids = new ArrayList<>();
        for (int i = 0; i < PEERS; i++) {
            ids.add(Identity.generate());
        }
        EventLoopGroup group = Transports.group(2, NamedThreadFactory.of("test-clients"));
        List<SignalClient> clients = new ArrayList<>();
        try (RendezvousServer server = RendezvousServer.start(TestServers.config(0))) {
            long t0 = System.nanoTime();
            for (int i = 0; i < PEERS; i++) {
                clients.add(TestServers.client(server, "peer-" + i, ids.get(i), new RecordingListener(), group)
                        .loginTimeout(Duration.ofSeconds(30)).build().start());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> server.status().peers().size() == PEERS
                    && clients.stream().allMatch(c -> c.state() == SignalState.CONNECTED));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.printf("[measure] %d peers logged in at once in %d ms%n", PEERS, ms);
            assertThat(server.meters().scrape()).contains("p2proxy_signal_logins_total{reason=\"none\",result=\"ok\"} 500.0");
        } finally {
            clients.forEach(SignalClient::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
