package io.p2proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.ice.IceConfig;
import io.p2proxy.session.internal.AgentPath;
import io.p2proxy.testkit.EchoServer;
import io.p2proxy.testkit.Transfers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;

/** Two peers that need each other at the same moment converge on one session (the lower id's offer wins). */
class CrossedOffersTest {

    @RepeatedTest(8)
    void peersThatDialEachOtherAtOnceEndWithOneSessionAndBothStreamsWork() throws Exception {
        try (EchoServer echo = new EchoServer();
                TwoPeers peers = new TwoPeers(echo.address(), List.of("laptop"), Duration.ofSeconds(30),
                        AgentPath.factory(IceConfig.defaults()));
                ForwardListener back = peers.garageForward()) {
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Transfers.Result> there = CompletableFuture.supplyAsync(() -> {
                await(go);
                return Transfers.echo(peers.forwardAddress(), 1 << 20, 1);
            });
            CompletableFuture<Transfers.Result> back2 = CompletableFuture.supplyAsync(() -> {
                await(go);
                return Transfers.echo(back.localAddress(), 1 << 20, 2);
            });
            go.countDown();
            assertThat(there.join().received()).isEqualTo(there.join().sent());
            assertThat(back2.join().received()).isEqualTo(back2.join().sent());
            assertThat(peers.laptop.size()).isEqualTo(1);
            assertThat(peers.garage.size()).isEqualTo(1);
            assertThat(peers.laptop.sessions().get(0).state()).isIn("connected", "lingering");
            assertThat(peers.garage.sessions().get(0).state()).isIn("connected", "lingering");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
