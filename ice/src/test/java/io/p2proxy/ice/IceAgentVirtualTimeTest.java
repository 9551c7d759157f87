package io.p2proxy.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunProtection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One agent on an {@link EmbeddedChannel} with frozen time: timers run only when the test advances it. */
class IceAgentVirtualTimeTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("10.0.0.1", 5000);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("10.0.0.2", 6000);

    private final EmbeddedChannel channel = new EmbeddedChannel() {
        @Override
        protected SocketAddress localAddress0() {
            return LOCAL;
        }
    };
    private final RecordingListener listener = new RecordingListener();
    private final List<StunMessage> sent = new ArrayList<>();

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void failsWithAReadableReasonOnceEveryPairFailedAndBothSidesEndedCandidates() {
        channel.freezeTime();
        IceAgent ice = IceAgent.create(channel, IceRole.CONTROLLING, IceConfig.defaults(), listener);
        ice.setRemoteCredentials(IceCredentials.random());
        ice.addRemoteCandidate(Candidate.udp("r", 2130706431L, REMOTE, CandidateType.HOST, null));
        ice.remoteEndOfCandidates();
        ice.gather();
        long failedAtMs = advanceUntil(() -> listener.first(IceEvent.Failed.class) != null, 20_000);

        assertThat(listener.first(IceEvent.Failed.class).reason()).isEqualTo("no candidate pair succeeded (1 pairs checked)");
        // RTO 500 ms, 5 sends at 0, 0.5, 1.5, 3.5, 7.5 s, failed 4 RTO after the last: 9.5 s.
        assertThat(sent).hasSize(5);
        assertThat(failedAtMs).isBetween(9_500L, 9_600L);
        assertThat(listener.first(IceEvent.GatheringDone.class).candidates()).isEqualTo(1);
        assertThat(listener.first(IceEvent.LocalCandidate.class).candidate().address()).isEqualTo(LOCAL);
        ice.close();
    }

    @Test
    void closeCancelsEveryTimerAndReleasesEveryBuffer() {
        channel.freezeTime();
        IceAgent ice = IceAgent.create(channel, IceRole.CONTROLLING, IceConfig.defaults(), listener);
        ice.setRemoteCredentials(IceCredentials.random());
        ice.addRemoteCandidate(Candidate.udp("r", 2130706431L, REMOTE, CandidateType.HOST, null));
        ice.gather();
        advanceUntil(() -> sent.size() >= 2, 5_000); // a transaction is pending with its buffer
        int events = listener.events.size();
        ice.close();
        assertThat(channel.pipeline().get("ice")).isNull();
        channel.advanceTimeBy(1, TimeUnit.HOURS);
        assertThat(channel.runScheduledPendingTasks()).as("no timer left").isEqualTo(-1);
        drain();
        assertThat(sent).hasSize(2);
        assertThat(listener.events).hasSize(events);
        ice.close(); // idempotent
    }

    @Test
    void serverReflexiveCandidatesAreTrickledAfterHostOnesThenEndOfCandidates() throws StunException {
        channel.freezeTime();
        InetSocketAddress stun = new InetSocketAddress("198.51.100.1", 3478);
        InetSocketAddress mapped = new InetSocketAddress("203.0.113.7", 40000);
        IceAgent ice = IceAgent.create(channel, IceRole.CONTROLLED, IceConfig.defaults().withStunServers(List.of(stun)), listener);
        ice.gather();
        DatagramPacket request = channel.readOutbound();
        assertThat(request.recipient()).isEqualTo(stun);
        StunMessage binding = StunCodec.decode(request.content());
        request.release();
        assertThat(listener.all(IceEvent.GatheringDone.class)).isEmpty();
        ByteBuf answer = Unpooled.wrappedBuffer(StunCodec.encodeToBytes(StunMessage.successResponse(binding,
                List.of(new StunAttribute.XorMappedAddress(mapped))), StunProtection.FINGERPRINT));
        channel.writeInbound(new DatagramPacket(answer, LOCAL, stun));

        assertThat(listener.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("LocalCandidate", "LocalCandidate", "GatheringDone");
        Candidate srflx = listener.all(IceEvent.LocalCandidate.class).get(1).candidate();
        assertThat(srflx.format()).matches("candidate:\\w+ 1 UDP 1694498815 203\\.0\\.113\\.7 40000 typ srflx raddr 10\\.0\\.0\\.1 rport 5000");
        ice.close();
    }

    private long advanceUntil(java.util.function.BooleanSupplier done, long maxMs) {
        long ms = 0;
        while (!done.getAsBoolean() && ms < maxMs) {
            channel.advanceTimeBy(10, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            drain();
            ms += 10;
        }
        return ms;
    }

    private void drain() {
        DatagramPacket p;
        while ((p = channel.readOutbound()) != null) {
            try {
                sent.add(StunCodec.decode(p.content()));
            } catch (StunException e) {
                throw new AssertionError(e);
            } finally {
                p.release();
            }
        }
    }
}
