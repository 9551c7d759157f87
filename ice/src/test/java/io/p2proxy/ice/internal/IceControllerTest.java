package io.p2proxy.ice.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.CandidateType;
import io.p2proxy.ice.IceRole;
import io.p2proxy.ice.TransportKind;
import io.p2proxy.ice.internal.IceController.RoleConflict;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ICE policy as a specification: each table row is an input and the decision expected. */
class IceControllerTest {

    private static final long MS = 1_000_000L;
    private static final Duration NOMINATION_DELAY = Duration.ofMillis(200);
    private static final Duration FAILURE_TIMEOUT = Duration.ofSeconds(30);

    // Local: one host candidate. Remote: host, srflx and relay with distinct foundations.
    private static final Candidate LOCAL = cand("L", CandidateType.HOST, "10.0.0.1", 5000, 65535);
    private static final Candidate R_HOST = cand("a", CandidateType.HOST, "10.0.0.2", 6000, 65535);
    private static final Candidate R_SRFLX = cand("b", CandidateType.SERVER_REFLEXIVE, "198.51.100.2", 7000, 65535);
    private static final Candidate R_RELAY = cand("c", CandidateType.RELAY, "203.0.113.2", 8000, 65535);
    // Local relay candidate: an allocation on a TURN server, mapped address as related address.
    private static final Candidate L_RELAY = Candidate.udp("R", Priorities.candidate(CandidateType.RELAY, 65535, 1),
            addr("203.0.113.9", 40), CandidateType.RELAY, addr("198.51.100.1", 5000));

    @ParameterizedTest(name = "{0} with local preference {1} -> {2}")
    @CsvSource({
        "HOST,             65535, 2130706431",
        "HOST,             65534, 2130706175",
        "HOST,                 0, 2113929471",
        "PEER_REFLEXIVE,   65535, 1862270975",
        "SERVER_REFLEXIVE, 65535, 1694498815",
        "RELAY,            65535,   16777215",
    })
    void candidatePriorityFollowsSection5_1_2_1(CandidateType type, int localPreference, long expected) {
        assertThat(Priorities.candidate(type, localPreference, 1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "G={0} D={1} -> {2}")
    @CsvSource({
        "2130706431, 1694498815, 7277816997797167103", // G > D: the +1
        "1694498815, 2130706431, 7277816997797167102",
        "2130706431, 2130706431, 9151314442783293438", // equal: no +1
        "1,          1,          4294967298",
    })
    void pairPriorityFollowsSection6_1_2_3(long g, long d, long expected) {
        assertThat(Priorities.pair(g, d)).isEqualTo(expected);
    }

    @Test
    void pairsAreOrderedByPriorityAndStartWaitingPerFoundation() {
        IceController c = controller(IceRole.CONTROLLING);
        c.addLocal(LOCAL);
        c.addRemote(R_RELAY);
        c.addRemote(R_HOST);
        c.addRemote(R_SRFLX);
        Candidate sameFoundation = cand("a", CandidateType.HOST, "10.0.0.3", 6000, 65534);
        c.addRemote(sameFoundation);
        assertThat(rows(c)).containsExactly(
                "10.0.0.2:6000 WAITING",
                "10.0.0.3:6000 FROZEN",   // foundation L:a already Waiting
                "198.51.100.2:7000 WAITING",
                "203.0.113.2:8000 WAITING");
    }

    @Test
    void serverReflexiveLocalCandidatesAreReplacedByTheirBaseSoFormNoPairs() {
        IceController c = controller(IceRole.CONTROLLING);
        c.addLocal(LOCAL);
        c.addLocal(Candidate.udp("S", 1694498815, addr("198.51.100.1", 5000), CandidateType.SERVER_REFLEXIVE, LOCAL.address()));
        c.addRemote(R_HOST);
        assertThat(c.pairs()).hasSize(1).allMatch(p -> p.local() == LOCAL);
    }

    @Test
    void candidatesOfAnotherFamilyTransportOrScopeAreNotPaired() {
        IceController c = controller(IceRole.CONTROLLING);
        c.addLocal(LOCAL);
        c.addRemote(cand("x", CandidateType.HOST, "2001:db8::1", 1, 1));
        c.addRemote(new Candidate("y", 1, new TransportKind("P2PROXY-RELAY"), 100, addr("10.0.0.9", 1), CandidateType.RELAY, null));
        c.addRemote(cand("z", CandidateType.HOST, "127.0.0.1", 1, 1));
        assertThat(c.pairs()).isEmpty();
    }

    @Test
    void eachTaTickChecksTriggeredFirstThenWaitingByPriorityThenUnfreezes() {
        IceController c = controller(IceRole.CONTROLLING);
        c.addLocal(LOCAL);
        c.addRemote(R_HOST);
        c.addRemote(cand("a", CandidateType.HOST, "10.0.0.3", 6000, 65534)); // frozen behind R_HOST
        c.addRemote(R_RELAY);
        c.checkReceived(R_RELAY.address(), TransportKind.UDP, 1, false, 0); // a check from the relay: triggered
        List<String> order = new ArrayList<>();
        Check check;
        while ((check = c.nextCheck(0)) != null) {
            order.add(check.pair().remote().address().getAddress().getHostAddress());
            if (order.size() == 2) {
                c.checkFailed(check); // R_HOST fails: nothing of foundation L:a is Waiting/In-Progress any more
            }
        }
        assertThat(order).containsExactly("203.0.113.2", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void successUnfreezesPairsOfTheSameFoundation() {
        IceController c = controller(IceRole.CONTROLLING);
        c.addLocal(LOCAL);
        c.addRemote(R_HOST);
        c.addRemote(cand("a", CandidateType.HOST, "10.0.0.3", 6000, 65534));
        Check first = c.nextCheck(0);
        assertThat(c.pairs().get(1).state()).isEqualTo(PairState.FROZEN);
        c.checkSucceeded(first, LOCAL.address(), Duration.ofMillis(1), 0);
        assertThat(c.pairs().get(1).state()).isEqualTo(PairState.WAITING);
    }

    /** Controlling agent, pairs to R_HOST (best) and R_SRFLX; the delay is 200 ms. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            best pair succeeds first: nominated at once                  | HOST  | 0   |      | 0   | HOST
            worse pair succeeds, better still checking, 100 ms later     | SRFLX | 0   |      | 100 | none
            worse pair succeeds, better still checking, 200 ms later     | SRFLX | 0   |      | 200 | SRFLX
            worse pair succeeds, better succeeds 150 ms later            | SRFLX | 0   | 150  | 150 | HOST
            worse pair succeeds, better fails 50 ms later                 | SRFLX | 0   | fail | 50  | SRFLX
            """)
    void regularNominationWaitsBrieflyForABetterPair(String row, String firstSuccess, long firstAt, String better,
            long tickAt, String nominated) {
        IceController c = controller(IceRole.CONTROLLING);
        c.addLocal(LOCAL);
        c.addRemote(R_HOST);
        c.addRemote(R_SRFLX);
        Check host = c.nextCheck(0);
        Check srflx = c.nextCheck(0);
        c.checkSucceeded(firstSuccess.equals("HOST") ? host : srflx, LOCAL.address(), Duration.ofMillis(1), firstAt * MS);
        if ("fail".equals(better)) {
            c.checkFailed(host);
        } else if (better != null) {
            c.checkSucceeded(host, LOCAL.address(), Duration.ofMillis(1), Long.parseLong(better) * MS);
        }
        c.tick(tickAt * MS);
        Check next = c.nextCheck(tickAt * MS);
        String got = next != null && next.useCandidate()
                ? (next.pair().remote() == R_HOST ? "HOST" : "SRFLX") : "none";
        assertThat(got).as(row).isEqualTo(nominated);
        if (next != null && next.useCandidate()) {
            assertThat(c.selected()).isNull(); // selected only once the check with USE-CANDIDATE succeeds
            c.checkSucceeded(next, LOCAL.address(), Duration.ofMillis(1), tickAt * MS);
            assertThat(c.selected()).isSameAs(next.pair());
        }
    }

    @ParameterizedTest(name = "controlled: USE-CANDIDATE {0}")
    @CsvSource({"before our own check succeeded", "after our own check succeeded"})
    void controlledAgentSelectsTheNominatedPairOnceItsOwnCheckSucceeded(String when) {
        IceController c = controller(IceRole.CONTROLLED);
        c.addLocal(LOCAL);
        c.addRemote(R_HOST);
        Check check = c.nextCheck(0);
        boolean before = when.startsWith("before");
        if (before) {
            c.checkReceived(R_HOST.address(), TransportKind.UDP, 1, true, 0);
            assertThat(c.selected()).isNull();
        }
        c.checkSucceeded(check, LOCAL.address(), Duration.ofMillis(3), 0);
        if (!before) {
            assertThat(c.selected()).isNull(); // the controlled agent never nominates on its own
            c.checkReceived(R_HOST.address(), TransportKind.UDP, 1, true, 0);
        }
        assertThat(c.selected()).isNotNull().extracting(CandidatePair::remote).isEqualTo(R_HOST);
        assertThat(c.selected().rtt()).isEqualTo(Duration.ofMillis(3));
    }

    @ParameterizedTest(name = "{0}/{1} receives {2}/{3}: {4}, then {5}")
    @CsvSource({
        "CONTROLLING, 10, CONTROLLING,  5, REPLY_487, CONTROLLING",
        "CONTROLLING,  5, CONTROLLING, 10, SWITCHED,  CONTROLLED",
        "CONTROLLING,  7, CONTROLLING,  7, REPLY_487, CONTROLLING", // larger OR EQUAL keeps the role
        "CONTROLLED,  10, CONTROLLED,   5, SWITCHED,  CONTROLLING",
        "CONTROLLED,   5, CONTROLLED,  10, REPLY_487, CONTROLLED",
        "CONTROLLED,   7, CONTROLLED,   7, SWITCHED,  CONTROLLING",
        "CONTROLLING, -1, CONTROLLING,  5, REPLY_487, CONTROLLING", // tie-breakers are unsigned: -1 is 2^64-1
        "CONTROLLING,  5, CONTROLLED,  10, NONE,      CONTROLLING",
        "CONTROLLED,   5, CONTROLLING, 10, NONE,      CONTROLLED",
    })
    void roleConflictOnAnIncomingCheckFollowsSection7_3_1_1(IceRole mine, long myTieBreaker, IceRole theirs,
            long theirTieBreaker, RoleConflict decision, IceRole after) {
        IceController c = new IceController(mine, myTieBreaker, NOMINATION_DELAY, FAILURE_TIMEOUT, 100);
        assertThat(c.incomingRole(theirs, theirTieBreaker)).isEqualTo(decision);
        assertThat(c.role()).isEqualTo(after);
    }

    @ParameterizedTest(name = "487 to a check sent as {0} -> {1}")
    @CsvSource({"CONTROLLING, CONTROLLED", "CONTROLLED, CONTROLLING"})
    void a487ResponseSwitchesRoleOnceAndRequeuesThePair(IceRole sent, IceRole after) {
        IceController c = controller(sent);
        c.addLocal(LOCAL);
        c.addRemote(R_SRFLX);
        long before = c.pairs().get(0).priority();
        Check check = c.nextCheck(0);
        c.roleConflictResponse(check, sent);
        c.roleConflictResponse(check, sent); // a second 487 to an older check changes nothing more
        assertThat(c.role()).isEqualTo(after);
        assertThat(c.pairs().get(0).priority()).isNotEqualTo(before); // G and D swapped
        assertThat(c.nextCheck(0)).extracting(Check::pair).isSameAs(check.pair());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            all pairs failed, both sides ended candidates     | true  | true  | 1000  | no candidate pair succeeded (2 pairs checked)
            all pairs failed, remote may still trickle        | true  | false | 1000  |
            all pairs failed, local still gathering           | false | true  | 1000  |
            nothing succeeded before the overall timeout      | false | false | 30000 | no candidate pair succeeded within 30000 ms (2 pairs checked)
            """)
    void failureIsDeclaredOnlyWhenNothingCanSucceedAnyMore(String row, boolean localDone, boolean remoteDone,
            long at, String reason) {
        IceController c = controller(IceRole.CONTROLLING);
        c.start(0);
        c.addLocal(LOCAL);
        c.addRemote(R_HOST);
        c.addRemote(R_SRFLX);
        c.checkFailed(c.nextCheck(0));
        c.checkFailed(c.nextCheck(0));
        if (localDone) {
            c.localGatheringDone();
        }
        if (remoteDone) {
            c.remoteEndOfCandidates();
        }
        c.tick(at * MS);
        assertThat(c.failure()).as(row).isEqualTo(reason);
    }

    @Test
    void noCompatibleCandidatesFailsWithTheCounts() {
        IceController c = controller(IceRole.CONTROLLED);
        c.addLocal(LOCAL);
        c.addRemote(cand("x", CandidateType.HOST, "2001:db8::1", 1, 1));
        c.localGatheringDone();
        c.remoteEndOfCandidates();
        c.tick(0);
        assertThat(c.failure()).isEqualTo("no candidate pairs (1 local, 1 remote candidates, none compatible)");
    }

    @Test
    void aBetterCandidateAfterSelectionReopensChecksWithoutDroppingTheSelectedPair() {
        IceController c = controller(IceRole.CONTROLLING);
        c.addLocal(LOCAL);
        c.addRemote(R_RELAY);
        select(c, c.nextCheck(0), 0);
        assertThat(c.selected().remote()).isEqualTo(R_RELAY);

        c.addRemote(R_SRFLX); // issue 4: keep trying direct while relayed
        Check direct = c.nextCheck(1000 * MS);
        assertThat(direct.pair().remote()).isEqualTo(R_SRFLX);
        assertThat(c.selected().remote()).isEqualTo(R_RELAY);
        select(c, direct, 1000);
        assertThat(c.selected().remote()).isEqualTo(R_SRFLX);

        c.addRemote(cand("d", CandidateType.RELAY, "203.0.113.3", 8000, 1)); // worse than selected
        assertThat(c.nextCheck(2000 * MS)).isNull();
    }

    @Test
    void aCheckFromAnUnknownAddressTeachesAPeerReflexiveCandidateLaterReplacedBySignalling() {
        IceController c = controller(IceRole.CONTROLLED);
        c.addLocal(LOCAL);
        CandidatePair pair = c.checkReceived(R_SRFLX.address(), TransportKind.UDP, 1862270975L, false, 0);
        assertThat(pair.remote().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
        assertThat(pair.remote().priority()).isEqualTo(1862270975L);
        assertThat(c.nextCheck(0)).extracting(Check::pair).isSameAs(pair); // triggered check
        c.addRemote(R_SRFLX);
        assertThat(c.remoteCandidates()).containsExactly(R_SRFLX);
        assertThat(pair.remote()).isEqualTo(R_SRFLX);
        assertThat(pair.state()).isEqualTo(PairState.IN_PROGRESS);
    }

    @ParameterizedTest(name = "a check from {0} via {1} concerns the pair {2}")
    @CsvSource({
        "10.0.0.2:6000, direct,         host->10.0.0.2:6000",   // on the socket: the host pair
        "10.0.0.2:6000, 203.0.113.9:40, relay->10.0.0.2:6000",  // through our allocation: the relay pair
        "10.0.0.2:6000, 203.0.113.7:40, none",                  // through an allocation we do not have
        "10.0.0.7:6000, 203.0.113.9:40, relay->10.0.0.7:6000",  // unknown sender through the relay: prflx on the relay pair
    })
    void aCheckIsMatchedToTheLocalCandidateItArrivedOn(String from, String via, String expected) {
        IceController c = controller(IceRole.CONTROLLED);
        c.addLocal(LOCAL);
        c.addLocal(L_RELAY);
        c.addRemote(R_HOST);
        CandidatePair pair = c.checkReceived(hostPort(from), via.equals("direct") ? null : hostPort(via),
                TransportKind.UDP, 1862270975L, false, 0);
        String got = pair == null ? "none" : pair.local().type().token() + "->"
                + pair.remote().address().getAddress().getHostAddress() + ":" + pair.remote().address().getPort();
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void relayPairsRankBelowHostPairs() {
        IceController c = controller(IceRole.CONTROLLING);
        c.addLocal(L_RELAY);
        c.addLocal(LOCAL);
        c.addRemote(R_RELAY);
        c.addRemote(R_HOST);
        assertThat(c.pairs()).extracting(p -> p.local().type().token() + "->" + p.remote().type().token())
                .containsExactly("host->host", "host->relay", "relay->host", "relay->relay"); // §6.1.2.3: G>D breaks the tie
    }

    @Test
    void checksAskThePeerToUseAPeerReflexivePriority() {
        IceController c = controller(IceRole.CONTROLLING);
        c.addLocal(LOCAL);
        c.addRemote(R_HOST);
        assertThat(c.nextCheck(0).priorityAttribute()).isEqualTo(1862270975L); // prflx, local preference 65535
    }

    /** Local host; remote host (ranked first) and relay. Each row: a state, then retry() at 60 s. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            failed: every pair goes back to Waiting               | failed   | true  | WAITING WAITING         | none
            consent lost: the stale valid pair is checked again   | lost     | true  | WAITING WAITING         | none
            still checking: a no-op                               | checking | false | IN_PROGRESS IN_PROGRESS | none
            relay selected, direct failed: direct is tried again  | relayed  | true  | WAITING SUCCEEDED       | relay
            direct selected: nothing above it to try again        | direct   | false | SUCCEEDED WAITING       | host
            """)
    void retryPutsPairsBackIntoPlayOnlyWhenChecksHaveStopped(String row, String state, boolean retried, String after,
            String selectedAfter) {
        IceController c = controller(IceRole.CONTROLLING);
        c.start(0);
        c.addLocal(LOCAL);
        c.addRemote(R_HOST);
        c.addRemote(R_RELAY);
        switch (state) {
            case "failed" -> {
                c.checkFailed(c.nextCheck(0));
                c.checkFailed(c.nextCheck(0));
                c.localGatheringDone();
                c.remoteEndOfCandidates();
                c.tick(0);
            }
            case "lost" -> {
                Check host = c.nextCheck(0);
                c.checkSucceeded(c.nextCheck(0), LOCAL.address(), Duration.ofMillis(1), 0);
                select(c, host, 0);
                c.consentLost();
            }
            case "checking" -> {
                c.nextCheck(0);
                c.nextCheck(0);
            }
            case "relayed" -> {
                c.checkFailed(c.nextCheck(0));
                select(c, c.nextCheck(0), 0);
            }
            default -> select(c, c.nextCheck(0), 0);
        }
        assertThat(c.checking()).as(row).isEqualTo(state.equals("checking"));
        assertThat(c.retry(60_000 * MS)).as(row).isEqualTo(retried);
        assertThat(rows(c)).extracting(r -> r.substring(r.indexOf(' ') + 1)).containsExactly(after.split(" "));
        assertThat(c.selected() == null ? "none" : c.selected().remote() == R_HOST ? "host" : "relay").isEqualTo(selectedAfter);
        assertThat(c.failure()).isNull();
        assertThat(c.checking()).isEqualTo(retried || state.equals("checking"));
        if (retried) {
            Check next = c.nextCheck(60_000 * MS);
            assertThat(next.useCandidate()).isFalse();
            assertThat(next.pair().remote()).isEqualTo(R_HOST);
        }
    }

    @Test
    void aRetryCountsTheFailureTimeoutAgainAndItsFailureSaysItWasARetry() {
        IceController c = failedOnOnePair(IceRole.CONTROLLING);
        assertThat(c.failure()).isEqualTo("no candidate pair succeeded (1 pairs checked)");
        assertThat(c.retry(60_000 * MS)).isTrue();
        Check again = c.nextCheck(60_000 * MS); // its answer never comes
        c.tick(89_999 * MS);
        assertThat(c.failure()).isNull();
        c.tick(90_000 * MS);
        assertThat(c.failure()).isEqualTo("retry 1: no candidate pair succeeded within 30000 ms (1 pairs checked)");
        assertThat(c.nextCheck(90_000 * MS)).isNull();

        assertThat(c.retry(120_000 * MS)).isTrue();
        assertThat(c.nextCheck(120_000 * MS)).isNull(); // an In-Progress pair keeps its running check
        c.checkFailed(again);
        c.tick(120_000 * MS);
        assertThat(c.failure()).isEqualTo("retry 2: no candidate pair succeeded (1 pairs checked)");
    }

    /** Controlled; the pair to R_HOST failed. Each row: an input that may start checks again. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the peer's check on the failed pair (§7.3.1.4)  | check     | 10.0.0.2     | FAILED
            a new remote candidate (trickle after failure)  | candidate | 198.51.100.2 | FAILED
            a known remote candidate again                  | duplicate |              | FAILED
            """)
    void afterFailureAPeerCheckOrANewCandidateStartsChecksForItsPairs(String row, String input, String checked,
            String hostPairAfter) {
        IceController c = failedOnOnePair(IceRole.CONTROLLED);
        assertThat(c.stopped()).isTrue();
        switch (input) {
            case "check" -> c.checkReceived(R_HOST.address(), TransportKind.UDP, 1, false, 60_000 * MS);
            case "candidate" -> c.addRemote(R_SRFLX, 60_000 * MS);
            default -> c.addRemote(cand("a", CandidateType.HOST, "10.0.0.2", 6000, 65535), 60_000 * MS);
        }
        assertThat(c.stopped()).as(row).isEqualTo(checked == null);
        Check next = c.nextCheck(60_000 * MS);
        assertThat(next == null ? null : next.pair().remote().address().getAddress().getHostAddress()).isEqualTo(checked);
        assertThat(c.pairs().stream().filter(p -> p.remote() == R_HOST).findFirst().orElseThrow().state().toString())
                .isEqualTo(next != null && next.pair().remote() == R_HOST ? "IN_PROGRESS" : hostPairAfter);
    }

    @Test
    void afterConsentLossChecksStopUntilThePeerRetriesAndThenItsNominationIsAccepted() {
        IceController c = controller(IceRole.CONTROLLED);
        c.start(0);
        c.addLocal(LOCAL);
        c.addRemote(R_HOST);
        c.checkSucceeded(c.nextCheck(0), LOCAL.address(), Duration.ofMillis(1), 0);
        c.checkReceived(R_HOST.address(), TransportKind.UDP, 1, true, 0);
        assertThat(c.selected()).isNotNull();
        c.consentLost();
        c.tick(120_000 * MS); // long past the failure timeout: stopped, not failed
        assertThat(c.failure()).isNull();
        assertThat(c.nextCheck(120_000 * MS)).isNull();

        c.checkReceived(R_HOST.address(), TransportKind.UDP, 1, false, 120_000 * MS); // the peer retries
        Check triggered = c.nextCheck(120_000 * MS);
        assertThat(triggered.pair().remote()).isEqualTo(R_HOST);
        c.checkSucceeded(triggered, LOCAL.address(), Duration.ofMillis(1), 120_000 * MS);
        c.checkReceived(R_HOST.address(), TransportKind.UDP, 1, true, 120_000 * MS);
        assertThat(c.selected()).isNotNull().extracting(CandidatePair::remote).isEqualTo(R_HOST);
        assertThat(c.stopped()).isFalse();
    }

    /** Started at 0 with one pair (to R_HOST), which failed; both sides ended candidates: failed. */
    private static IceController failedOnOnePair(IceRole role) {
        IceController c = controller(role);
        c.start(0);
        c.addLocal(LOCAL);
        c.addRemote(R_HOST);
        c.checkFailed(c.nextCheck(0));
        c.localGatheringDone();
        c.remoteEndOfCandidates();
        c.tick(0);
        return c;
    }

    private static void select(IceController c, Check check, long atMs) {
        c.checkSucceeded(check, LOCAL.address(), Duration.ofMillis(1), atMs * MS);
        c.tick(atMs * MS);
        Check nomination = c.nextCheck(atMs * MS);
        assertThat(nomination.useCandidate()).isTrue();
        c.checkSucceeded(nomination, LOCAL.address(), Duration.ofMillis(1), atMs * MS);
    }

    private static List<String> rows(IceController c) {
        return c.pairs().stream().map(p -> p.remote().address().getAddress().getHostAddress() + ":"
                + p.remote().address().getPort() + " " + p.state()).toList();
    }

    private static IceController controller(IceRole role) {
        return new IceController(role, 42, NOMINATION_DELAY, FAILURE_TIMEOUT, 100);
    }

    static Candidate cand(String foundation, CandidateType type, String ip, int port, int localPreference) {
        return Candidate.udp(foundation, Priorities.candidate(type, localPreference, 1), addr(ip, port), type, null);
    }

    private static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        return addr(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    static InetSocketAddress addr(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }
}
