package io.p2proxy.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.ice.LoopbackPeers.Peer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two real agents on loopback sockets, cut off from each other by a handler at the head of each
 * pipeline that drops every datagram while set: ICE fails (or loses consent), the cut is lifted,
 * {@link IceAgent#retry()} brings the same host pair back.
 */
class IceAgentRetryTest {

    private static final IceConfig CONFIG = IceConfig.defaults().withChecks(Duration.ofMillis(50), 3)
            .withNominationDelay(Duration.ofMillis(50)).withFailureTimeout(Duration.ofSeconds(2))
            .withConsent(Duration.ofMillis(50), Duration.ofMillis(400));

    private final LoopbackPeers peers = new LoopbackPeers();

    @AfterEach
    void tearDown() {
        peers.close();
    }

    @ParameterizedTest(name = "retry called by {0}")
    @ValueSource(strings = {"both", "controlling", "controlled"})
    void failedChecksAreRetriedAndTheSameHostPairIsSelectedAgain(String who) {
        Peer a = peers.bind("127.0.0.1");
        Peer b = peers.bind("127.0.0.2");
        startCutOff(a, b);
        awaitEvents(a, b, IceEvent.Failed.class, 1);
        assertThat(a.listener.first(IceEvent.Failed.class).reason()).isEqualTo("no candidate pair succeeded (1 pairs checked)");

        a.agent.retry(); // still cut off: the retry fails too, and says so
        b.agent.retry();
        awaitEvents(a, b, IceEvent.Failed.class, 2);
        assertThat(List.of(a, b)).allSatisfy(p -> assertThat(p.listener.all(IceEvent.Failed.class).get(1).reason())
                .isEqualTo("retry 1: no candidate pair succeeded (1 pairs checked)"));

        a.dropping.set(false);
        b.dropping.set(false);
        if (!who.equals("controlled")) {
            a.agent.retry();
        }
        if (!who.equals("controlling")) {
            b.agent.retry();
        }
        awaitEvents(a, b, IceEvent.Selected.class, 1);
        assertSelectedEachOther(a, b);
        assertThat(a.listener.all(IceEvent.Failed.class)).hasSize(2);
        assertThat(b.listener.all(IceEvent.Failed.class)).hasSize(2);
        IceAgentLoopbackTest.closeAll(a, b);
    }

    @ParameterizedTest(name = "retry called by {0}")
    @ValueSource(strings = {"both", "controlling"})
    void afterConsentLossARetrySelectsThePairAgainAndConsentKeepsItFresh(String who) {
        Peer a = peers.bind("127.0.0.1");
        Peer b = peers.bind("127.0.0.2");
        IceAgentLoopbackTest.connect(a, b, IceRole.CONTROLLING, IceRole.CONTROLLED, CONFIG);
        a.cutOff();
        b.cutOff();
        awaitEvents(a, b, IceEvent.ConsentLost.class, 1);

        a.dropping.set(false);
        b.dropping.set(false);
        a.agent.retry();
        if (who.equals("both")) {
            b.agent.retry();
        }
        awaitEvents(a, b, IceEvent.Selected.class, 2);
        assertSelectedEachOther(a, b);
        long sent = a.agent.stats().join().checksSent();
        // Consent runs on the pair selected again, and the lost one's timer never fires again.
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() ->
                a.listener.all(IceEvent.ConsentLost.class).size() == 1 && b.listener.all(IceEvent.ConsentLost.class).size() == 1);
        assertThat(a.agent.stats().join().checksSent()).isGreaterThan(sent + 5);
        assertThat(a.listener.all(IceEvent.Failed.class)).isEmpty();
        assertThat(b.listener.all(IceEvent.Failed.class)).isEmpty();
        IceAgentLoopbackTest.closeAll(a, b);
    }

    @Test
    void retryWhileChecksAreRunningOrAPairIsSelectedChangesNothing() {
        Peer a = peers.bind("127.0.0.1");
        Peer silent = peers.bind("127.0.0.2"); // no agent: never answers
        IceConfig slow = CONFIG.withChecks(Duration.ofMillis(200), 10).withFailureTimeout(Duration.ofMillis(1000));
        IceAgent agent = a.attach(IceRole.CONTROLLING, slow);
        agent.setRemoteCredentials(IceCredentials.random());
        agent.addRemoteCandidate(Candidate.udp("s", 2130706431L, silent.address(), CandidateType.HOST, null));
        agent.gather();
        // A retry that took effect would push the failure back and make its reason a retry's.
        await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(3)).until(() -> {
            agent.retry();
            return a.listener.first(IceEvent.Failed.class) != null;
        });
        assertThat(a.listener.first(IceEvent.Failed.class).reason())
                .isEqualTo("no candidate pair succeeded within 1000 ms (1 pairs checked)");
        IceAgentLoopbackTest.closeAll(a);
        silent.channel.close().syncUninterruptibly();

        Peer c = peers.bind("127.0.0.1");
        Peer d = peers.bind("127.0.0.2");
        IceAgentLoopbackTest.connect(c, d, IceRole.CONTROLLING, IceRole.CONTROLLED, CONFIG);
        List<IceEvent> before = List.copyOf(c.listener.events);
        c.agent.retry();
        d.agent.retry();
        c.agent.role().join(); // the retries ran on the loops before these queries
        d.agent.role().join();
        assertThat(c.listener.events).containsExactlyElementsOf(before);
        assertThat(d.listener.all(IceEvent.Selected.class)).hasSize(1);
        IceAgentLoopbackTest.closeAll(c, d);
    }

    @Test
    void aRemoteCandidateTrickledAfterFailureRestartsChecks() {
        Peer a = peers.bind("127.0.0.1");
        Peer b = peers.bind("127.0.0.2");
        List<Candidate> heldBack = new CopyOnWriteArrayList<>(); // b's candidates: a learns them only after failing
        a.attach(IceRole.CONTROLLING, CONFIG);
        b.attach(IceRole.CONTROLLED, CONFIG);
        a.listener.forward = e -> {
            if (e instanceof IceEvent.GatheringDone) {
                b.agent.remoteEndOfCandidates();
            }
        };
        b.listener.forward = e -> {
            if (e instanceof IceEvent.LocalCandidate c) {
                heldBack.add(c.candidate());
            } else if (e instanceof IceEvent.GatheringDone) {
                a.agent.remoteEndOfCandidates();
            }
        };
        a.agent.setRemoteCredentials(b.agent.localCredentials());
        b.agent.setRemoteCredentials(a.agent.localCredentials());
        a.agent.gather();
        b.agent.gather();
        awaitEvents(a, b, IceEvent.Failed.class, 1);
        assertThat(a.listener.first(IceEvent.Failed.class).reason()).startsWith("no candidate pairs");

        heldBack.forEach(a.agent::addRemoteCandidate); // b learns a's address from a's checks
        awaitEvents(a, b, IceEvent.Selected.class, 1);
        assertSelectedEachOther(a, b);
        IceAgentLoopbackTest.closeAll(a, b);
    }

    /** Wires {@code a} (controlling) and {@code b} (controlled) like {@link IceAgentLoopbackTest#connect}, but cut off. */
    private static void startCutOff(Peer a, Peer b) {
        a.attach(IceRole.CONTROLLING, CONFIG);
        b.attach(IceRole.CONTROLLED, CONFIG);
        a.cutOff();
        b.cutOff();
        a.listener.forward = IceAgentLoopbackTest.forwarder(b.agent);
        b.listener.forward = IceAgentLoopbackTest.forwarder(a.agent);
        a.agent.setRemoteCredentials(b.agent.localCredentials());
        b.agent.setRemoteCredentials(a.agent.localCredentials());
        a.agent.gather();
        b.agent.gather();
    }

    private static void awaitEvents(Peer a, Peer b, Class<? extends IceEvent> type, int count) {
        Predicate<Peer> reached = p -> p.listener.all(type).size() >= count;
        await().atMost(Duration.ofSeconds(5)).until(() -> reached.test(a) && reached.test(b));
    }

    /** The last Selected on each side names the host pair between the two sockets. */
    private static void assertSelectedEachOther(Peer a, Peer b) {
        List<IceEvent.Selected> sa = a.listener.all(IceEvent.Selected.class);
        List<IceEvent.Selected> sb = b.listener.all(IceEvent.Selected.class);
        SelectedPair pa = sa.get(sa.size() - 1).pair();
        SelectedPair pb = sb.get(sb.size() - 1).pair();
        assertThat(pa.remoteAddress()).isEqualTo(b.address());
        assertThat(pb.remoteAddress()).isEqualTo(a.address());
        assertThat(pa.local().type()).isEqualTo(CandidateType.HOST);
        assertThat(pa.remote().type()).isEqualTo(CandidateType.HOST);
        assertThat(a.listener.all(IceEvent.SelectedChanged.class)).isEmpty();
    }
}
