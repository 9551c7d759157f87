package io.p2proxy.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.ice.LoopbackPeers.Peer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Two real agents on loopback sockets; signaling is direct method calls, delayed and shuffled. */
class IceAgentLoopbackTest {

    private static final Logger log = LoggerFactory.getLogger(IceAgentLoopbackTest.class);
    private static final IceConfig CONFIG = IceConfig.defaults().withChecks(Duration.ofMillis(100), 5)
            .withNominationDelay(Duration.ofMillis(100));

    private LoopbackPeers peers;

    @BeforeEach
    void setUp() {
        peers = new LoopbackPeers();
    }

    @AfterEach
    void tearDown() {
        peers.close();
    }

    @Test
    void twoAgentsSelectTheSamePairWithCandidatesTrickledLateAndOutOfOrder() {
        for (boolean decoy : new boolean[] {false, true}) {
            List<Long> millis = new ArrayList<>();
            for (int run = 0; run < 7; run++) {
                millis.add(selectOnce(decoy));
            }
            Collections.sort(millis);
            log.info("ICE on loopback{}: start to selected on both sides, median {} ms over {} runs (all: {})",
                    decoy ? " with an unreachable higher-priority decoy" : "", millis.get(millis.size() / 2),
                    millis.size(), millis);
            assertThat(millis.get(millis.size() / 2)).isLessThan(1000);
        }
    }

    private long selectOnce(boolean decoy) {
        Peer a = peers.bind("127.0.0.1");
        Peer b = peers.bind("127.0.0.2");
        IceAgent agentA = a.attach(IceRole.CONTROLLING, CONFIG);
        IceAgent agentB = b.attach(IceRole.CONTROLLED, CONFIG);
        ScheduledExecutorService signaling = peers.group.next();
        trickle(a, agentB, signaling);
        trickle(b, agentA, signaling);
        if (decoy) { // ranked above the real candidates (loopback gets a low local preference): checked first, never answers
            agentA.addRemoteCandidate(host("127.0.0.9", 9));
            agentB.addRemoteCandidate(host("127.0.0.9", 9));
        }
        // Out of order: credentials arrive after the first candidates.
        long start = System.nanoTime();
        agentA.gather();
        agentB.gather();
        signaling.schedule(() -> agentB.setRemoteCredentials(agentA.localCredentials()), 30, TimeUnit.MILLISECONDS);
        signaling.schedule(() -> agentA.setRemoteCredentials(agentB.localCredentials()), 10, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> a.listener.first(IceEvent.Selected.class) != null
                && b.listener.first(IceEvent.Selected.class) != null);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(Math.max(a.listener.selectedAtNanos, b.listener.selectedAtNanos) - start);
        SelectedPair pa = a.listener.first(IceEvent.Selected.class).pair();
        SelectedPair pb = b.listener.first(IceEvent.Selected.class).pair();
        assertThat(pa.remoteAddress()).isEqualTo(b.address());
        assertThat(pb.remoteAddress()).isEqualTo(a.address());
        assertThat(pa.rtt()).isPositive();
        assertThat(a.listener.all(IceEvent.Failed.class)).isEmpty();
        agentA.close();
        agentB.close();
        a.channel.close().syncUninterruptibly();
        b.channel.close().syncUninterruptibly();
        return elapsed;
    }

    /** Forwards local candidates after a random delay of 0–40 ms each (so out of order), then end-of-candidates. */
    private static void trickle(Peer from, IceAgent to, ScheduledExecutorService signaling) {
        from.listener.forward = event -> {
            if (event instanceof IceEvent.LocalCandidate c) {
                String text = c.candidate().format(); // through the wire form, as signaling would
                signaling.schedule(() -> to.addRemoteCandidate(parse(text)),
                        ThreadLocalRandom.current().nextInt(40), TimeUnit.MILLISECONDS);
            } else if (event instanceof IceEvent.GatheringDone) {
                signaling.schedule(to::remoteEndOfCandidates, 60, TimeUnit.MILLISECONDS);
            }
        };
    }

    @Test
    void aDatagramThatIsNotStunPassesToTheNextHandlerIntact() {
        Peer a = peers.bind("127.0.0.1");
        a.attach(IceRole.CONTROLLING, CONFIG);
        Peer sender = peers.bind("127.0.0.1");
        byte[] quic = {0x40, 1, 2, 3, 4, 5};
        byte[] turnLike = new byte[20]; // a STUN Allocate request: STUN, but not ICE's to take
        turnLike[1] = 0x03;
        turnLike[4] = 0x21;
        turnLike[5] = 0x12;
        turnLike[6] = (byte) 0xA4;
        turnLike[7] = 0x42;
        for (byte[] bytes : List.of(quic, turnLike)) {
            sender.channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), a.address())).syncUninterruptibly();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> a.passedOn.size() == 2);
        assertThat(a.passedOn).containsExactlyInAnyOrder(quic, turnLike);
        a.agent.close();
        a.channel.close().syncUninterruptibly();
        sender.channel.close().syncUninterruptibly();
    }

    @Test
    void bothClaimingControllingIsResolvedToOneControllingAgent() {
        assertRoleConflictResolved(IceRole.CONTROLLING);
    }

    @Test
    void bothClaimingControlledIsResolvedToOneControllingAgent() {
        assertRoleConflictResolved(IceRole.CONTROLLED);
    }

    private void assertRoleConflictResolved(IceRole both) {
        Peer a = peers.bind("127.0.0.1");
        Peer b = peers.bind("127.0.0.2");
        connect(a, b, both, both, CONFIG);
        IceRole ra = a.agent.role().join();
        IceRole rb = b.agent.role().join();
        assertThat(ra).isNotEqualTo(rb);
        assertThat(a.listener.all(IceEvent.RoleChanged.class).size() + b.listener.all(IceEvent.RoleChanged.class).size())
                .isEqualTo(1);
        assertThat(a.listener.first(IceEvent.Selected.class).pair().remoteAddress()).isEqualTo(b.address());
        closeAll(a, b);
    }

    @Test
    void consentIsLostWhenTheRemoteStopsAnswering() {
        IceConfig fastConsent = CONFIG.withConsent(Duration.ofMillis(50), Duration.ofMillis(400));
        Peer a = peers.bind("127.0.0.1");
        Peer b = peers.bind("127.0.0.2");
        connect(a, b, IceRole.CONTROLLING, IceRole.CONTROLLED, fastConsent);
        // Consent holds while both answer: several intervals pass without a loss.
        await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> a.agent.stats().join().checksSent() > 5);
        assertThat(a.listener.all(IceEvent.ConsentLost.class)).isEmpty();

        b.agent.close(); // b stops answering; its socket stays open
        await().atMost(Duration.ofSeconds(3)).until(() -> a.listener.first(IceEvent.ConsentLost.class) != null);
        IceEvent.ConsentLost lost = a.listener.first(IceEvent.ConsentLost.class);
        assertThat(lost.pair().remoteAddress()).isEqualTo(b.address());
        assertThat(lost.silence()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        closeAll(a, b);
    }

    static void connect(Peer a, Peer b, IceRole roleA, IceRole roleB, IceConfig config) {
        a.attach(roleA, config);
        b.attach(roleB, config);
        a.listener.forward = forwarder(b.agent);
        b.listener.forward = forwarder(a.agent);
        a.agent.setRemoteCredentials(b.agent.localCredentials());
        b.agent.setRemoteCredentials(a.agent.localCredentials());
        a.agent.gather();
        b.agent.gather();
        await().atMost(Duration.ofSeconds(5)).until(() -> a.listener.first(IceEvent.Selected.class) != null
                && b.listener.first(IceEvent.Selected.class) != null);
    }

    /** Signaling as direct calls: local candidates and end-of-candidates go to {@code to} at once. */
    static java.util.function.Consumer<IceEvent> forwarder(IceAgent to) {
        return event -> {
            if (event instanceof IceEvent.LocalCandidate c) {
                to.addRemoteCandidate(c.candidate());
            } else if (event instanceof IceEvent.GatheringDone) {
                to.remoteEndOfCandidates();
            }
        };
    }

    static void closeAll(Peer... all) {
        for (Peer p : all) {
            p.agent.close();
            p.channel.close().syncUninterruptibly();
        }
    }

    static Candidate host(String ip, int port) {
        return Candidate.udp("x9", 2130706431L - 5000, new InetSocketAddress(ip, port), CandidateType.HOST, null);
    }

    static Candidate parse(String text) {
        try {
            return Candidate.parse(text);
        } catch (IceException e) {
            throw new AssertionError(e);
        }
    }
}
