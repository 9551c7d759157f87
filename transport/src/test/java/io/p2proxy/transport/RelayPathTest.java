package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.p2proxy.testkit.Transfers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server relay is one more way out of the path handler. Here each peer's relay link hands its
 * datagrams to the other peer's {@code relayReceived} on that peer's loop (what the rendezvous server
 * does over WebSocket, minus the server): a hashed transfer moves direct, to the relay, and back.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RelayPathTest {

    @Test
    void aTransferMovesFromDirectToTheRelayAndBackWithEveryByte() throws Exception {
        try (Fixture f = new Fixture()) {
            InetSocketAddress a = PeerPair.address(f.pair.udpA);
            InetSocketAddress b = PeerPair.address(f.pair.udpB);
            AtomicLong aToB = new AtomicLong();
            AtomicLong bToA = new AtomicLong();
            RelayLink fromA = link(f.pair.b, aToB);
            RelayLink fromB = link(f.pair.a, bToA);
            InetSocketAddress forward = f.pair.forward("echo");
            CompletableFuture<Transfers.Result> transfer =
                    CompletableFuture.supplyAsync(() -> Transfers.echo(forward, 32L << 20, 5));
            await().atMost(Duration.ofSeconds(20)).until(() -> f.pair.a.stats().get().bytesSent() > (4L << 20));

            f.pair.a.useRelay(fromA);
            f.pair.b.useRelay(fromB);
            await().atMost(Duration.ofSeconds(30)).until(() -> aToB.get() > 2_000 && bToA.get() > 2_000 || transfer.isDone());

            f.pair.a.setRemote(b); // direct again, as after an upgrade
            f.pair.b.setRemote(a);
            Transfers.Result r = transfer.get(60, TimeUnit.SECONDS);
            assertThat(r.bytesReceived()).isEqualTo(32L << 20);
            assertThat(r.received()).isEqualTo(r.sent());
            assertThat(aToB.get()).as("datagrams a sent through the relay").isGreaterThan(2_000);
            assertThat(bToA.get()).as("datagrams b sent through the relay").isGreaterThan(2_000);
        }
    }

    @Test
    void everyStreamCanRunOnTheRelayAlone() throws Exception {
        AtomicLong aToB = new AtomicLong();
        AtomicLong bToA = new AtomicLong();
        try (Fixture f = new Fixture()) {
            // Both sides use the relay before any stream opens: the whole transfer goes that way.
            f.pair.a.useRelay(link(f.pair.b, aToB));
            f.pair.b.useRelay(link(f.pair.a, bToA));
            Transfers.Result r = Transfers.echo(f.pair.forward("echo"), 4L << 20, 9);
            assertThat(r.received()).isEqualTo(r.sent());
            assertThat(aToB.get()).as("4 MiB in 1350-byte datagrams").isGreaterThan((4L << 20) / 1350);
            assertThat(bToA.get()).isGreaterThan((4L << 20) / 1350);
        }
    }

    private static RelayLink link(QuicPeerConnection to, AtomicLong count) {
        return datagram -> {
            count.incrementAndGet();
            ByteBuf copy = datagram.alloc().directBuffer(datagram.readableBytes()).writeBytes(datagram);
            datagram.release();
            to.relayReceived(copy);
            return true;
        };
    }
}
