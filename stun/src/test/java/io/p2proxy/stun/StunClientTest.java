package io.p2proxy.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client transactions on an EmbeddedChannel with frozen time: no real waiting anywhere. */
class StunClientTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 3478);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.1", 3479);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);

    private EmbeddedChannel channel;
    private StunClient client;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        client = StunClient.attach(channel);
    }

    @AfterEach
    void tearDown() {
        client.close();
        channel.finishAndReleaseAll();
    }

    @Test
    void retransmitsAt0_500_1500_3500_7500_15500_31500AndTimesOutAt39500() {
        long start = now();
        CompletableFuture<StunMessage> future = client.send(SERVER, StunMessage.request(StunMethod.BINDING));
        List<Long> sends = new ArrayList<>();
        long timedOutAt = -1;
        for (int ms = 0; ms <= 45_000; ms += 50) {
            DatagramPacket out;
            while ((out = channel.readOutbound()) != null) {
                assertThat(out.recipient()).isEqualTo(SERVER);
                out.release();
                sends.add(elapsedMillis(start));
            }
            if (future.isDone() && timedOutAt < 0) {
                timedOutAt = elapsedMillis(start);
            }
            channel.advanceTimeBy(50, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
        }
        assertThat(sends).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(timedOutAt).isEqualTo(39500L);
        assertThat(future).isCompletedExceptionally();
        assertThat(failure(future)).isInstanceOfSatisfying(StunTimeoutException.class, e -> {
            assertThat(e.attempts()).isEqualTo(7);
            assertThat(e.elapsed().toMillis()).isEqualTo(39500L);
            assertThat(e.reason()).isEqualTo(StunException.Reason.TIMEOUT);
        });
    }

    @Test
    void responseFromTheServerWithTheRightIdCompletes() throws Exception {
        StunMessage request = StunMessage.request(StunMethod.BINDING);
        CompletableFuture<StunMessage> future = client.send(SERVER, request);
        releaseOutbound();
        channel.writeInbound(packet(response(request), SERVER));
        assertThat(future).isCompleted();
        assertThat(StunMessages.mappedAddress(future.get())).contains(LOCAL);
        assertNoMoreSendsAfter(60_000);
    }

    @Test
    void responseWithAnotherTransactionIdIsDropped() {
        CompletableFuture<StunMessage> future = client.send(SERVER, StunMessage.request(StunMethod.BINDING));
        releaseOutbound();
        channel.writeInbound(packet(response(StunMessage.request(StunMethod.BINDING)), SERVER));
        assertThat(future).isNotDone();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void responseWithTheRightIdFromAnotherAddressIsDropped() {
        StunMessage request = StunMessage.request(StunMethod.BINDING);
        CompletableFuture<StunMessage> future = client.send(SERVER, request);
        releaseOutbound();
        channel.writeInbound(packet(response(request), OTHER));
        assertThat(future).isNotDone();
        channel.writeInbound(packet(response(request), SERVER));
        assertThat(future).isCompleted();
    }

    @Test
    void responseFailingIntegrityIsDroppedAndTheRightOneStillCounts() {
        StunKey key = StunKey.shortTerm("secret");
        StunMessage request = StunMessage.request(StunMethod.BINDING);
        CompletableFuture<StunMessage> future = client.send(SERVER, request, StunProtection.sha1(key));
        releaseOutbound();
        channel.writeInbound(packet(response(request), SERVER)); // no MESSAGE-INTEGRITY at all
        channel.writeInbound(packet(StunCodec.encode(channel.alloc(), responseMessage(request),
                StunProtection.sha1(StunKey.shortTerm("wrong"))), SERVER));
        assertThat(future).isNotDone();
        channel.writeInbound(packet(StunCodec.encode(channel.alloc(), responseMessage(request),
                StunProtection.sha1(key)), SERVER));
        assertThat(future).isCompleted();
    }

    @Test
    void requestsIndicationsAndNonStunPassOn() {
        ByteBuf quic = Unpooled.wrappedBuffer(new byte[] {0x40, 1, 2, 3});
        channel.writeInbound(packet(quic, SERVER));
        DatagramPacket passed = channel.readInbound();
        assertThat(passed.content()).isSameAs(quic);
        passed.release();
        channel.writeInbound(packet(StunCodec.encode(channel.alloc(), StunMessage.request(StunMethod.BINDING)), OTHER));
        DatagramPacket request = channel.readInbound();
        assertThat(request).isNotNull();
        request.release();
    }

    @Test
    void bindingGivesTheMappedAddress() throws Exception {
        CompletableFuture<InetSocketAddress> mapped = client.binding(SERVER);
        DatagramPacket out = channel.readOutbound();
        StunMessage request = StunCodec.decode(out.content(), StunProtection.FINGERPRINT);
        out.release();
        channel.writeInbound(packet(response(request), SERVER));
        assertThat(mapped.get()).isEqualTo(LOCAL);
    }

    @Test
    void closingTheChannelFailsPendingTransactions() {
        CompletableFuture<StunMessage> future = client.send(SERVER, StunMessage.request(StunMethod.BINDING));
        releaseOutbound();
        channel.close();
        assertThat(failure(future)).isInstanceOfSatisfying(StunException.class,
                e -> assertThat(e.reason()).isEqualTo(StunException.Reason.CLOSED));
    }

    @Test
    void cancellingStopsRetransmission() {
        CompletableFuture<StunMessage> future = client.send(SERVER, StunMessage.request(StunMethod.BINDING));
        releaseOutbound();
        future.cancel(false);
        assertNoMoreSendsAfter(60_000);
    }

    private void assertNoMoreSendsAfter(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    private void releaseOutbound() {
        DatagramPacket out;
        while ((out = channel.readOutbound()) != null) {
            out.release();
        }
    }

    private ByteBuf response(StunMessage request) {
        return StunCodec.encode(channel.alloc(), responseMessage(request), StunProtection.FINGERPRINT);
    }

    private static StunMessage responseMessage(StunMessage request) {
        return StunMessage.successResponse(request, List.of(new StunAttribute.XorMappedAddress(LOCAL)));
    }

    private static DatagramPacket packet(ByteBuf content, InetSocketAddress sender) {
        return new DatagramPacket(content, LOCAL, sender);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        assertThat(future).isDone();
        return future.handle((r, e) -> e).join();
    }

    private long now() {
        return channel.eventLoop().ticker().nanoTime();
    }

    private long elapsedMillis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(now() - start);
    }
}
