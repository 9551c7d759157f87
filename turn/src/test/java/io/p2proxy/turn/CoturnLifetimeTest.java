package io.p2proxy.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.testkit.Coturn;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allocation lifetimes against a coturn that grants at most 4 s ({@code --max-allocate-lifetime}),
 * lets a nonce live 1 s ({@code --stale-nonce}: every later request first gets 438 Stale Nonce)
 * and allows one allocation per user ({@code --user-quota=1}: a second Allocate by the same user
 * succeeds only once the first allocation is gone).
 */
class CoturnLifetimeTest {

    private static final Duration LIFETIME = Duration.ofSeconds(4);

    @TempDir
    static Path dir;
    private static Coturn coturn;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() throws Exception {
        coturn = Coturn.start(dir, "--max-allocate-lifetime=4", "--stale-nonce=1", "--user-quota=1");
        group = Transports.group(1, NamedThreadFactory.of("turn-lifetime-test"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (coturn != null) {
            coturn.close();
        }
    }

    @Test
    void refreshesKeepTheAllocationAndItsChannelAliveThroughStaleNonces() throws Exception {
        TurnConfig config = RelayEnd.config(coturn, "u").withLifetime(LIFETIME)
                .withPermissionRefresh(Duration.ofSeconds(1)).withChannelRefresh(Duration.ofSeconds(1));
        try (RelayEnd end = RelayEnd.open(group, config);
                DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(5000);
            TurnAllocation allocation = end.allocate(coturn);
            assertThat(allocation.lifetime()).isEqualTo(LIFETIME);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            end.turn.bindChannel(peerAddress).get(10, TimeUnit.SECONDS);

            long allocatedAt = System.nanoTime();

            // Past the first lifetime: only the timer's refresh (halfway, at 2 s) kept the allocation.
            // Every renewal after a second meets 438 Stale Nonce first. (coturn caps only the
            // Allocate's lifetime: its Refresh answers grant the 600 s default.)
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                TurnStats stats = end.turn.stats().get();
                assertThat(System.nanoTime() - allocatedAt).isGreaterThan(LIFETIME.plusSeconds(1).toNanos());
                assertThat(stats.refreshes()).as("%s %s", stats, end.events).isPositive();
                assertThat(stats.staleNonces()).as("%s", stats).isGreaterThanOrEqualTo(2);
            });
            assertThat(end.turn.refresh().get(10, TimeUnit.SECONDS)).as("a forced refresh").isPositive();
            assertThat(end.events).filteredOn(e -> e instanceof TurnEvent.RefreshFailed).isEmpty();
            assertThat(end.events).filteredOn(e -> e instanceof TurnEvent.Refreshed).hasSizeGreaterThanOrEqualTo(2);

            end.send(peerAddress, "still relayed");
            assertThat(CoturnTest.text(CoturnTest.receive(peer))).isEqualTo("still relayed");
            CoturnTest.sendFrom(peer, allocation.relayed(), "and back");
            assertThat(end.next()).isEqualTo(new RelayEnd.Received("and back", peerAddress, allocation.relayed(), true));
        }
    }

    @Test
    void closeReleasesTheAllocationSoTheQuotaAllowsANewOne() throws Exception {
        TurnConfig config = RelayEnd.config(coturn, "v").withLifetime(Duration.ofSeconds(600));
        RelayEnd first = RelayEnd.open(group, config);
        first.allocate(coturn);
        try (RelayEnd second = RelayEnd.open(group, config)) {
            TurnException quota = failure(second);
            assertThat(quota.code()).as("486 Allocation Quota Reached").isEqualTo(486);
            assertThat(quota.reason()).isEqualTo(TurnException.Reason.ERROR_RESPONSE);
        }
        first.close();
        assertThat(first.events).last().isEqualTo(new TurnEvent.Released());
        // coturn frees the quota when it tears the session down, a moment after LIFETIME 0.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (RelayEnd again = RelayEnd.open(group, config)) {
                return again.turn.allocate().handle((a, e) -> a != null).get(10, TimeUnit.SECONDS);
            }
        });
    }

    private static TurnException failure(RelayEnd end) throws Exception {
        try {
            end.turn.allocate().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TurnException.class);
            return (TurnException) e.getCause();
        }
        throw new AssertionError("allocation succeeded");
    }
}
