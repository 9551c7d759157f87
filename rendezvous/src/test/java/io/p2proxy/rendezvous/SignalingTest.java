package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.p2proxy.common.Identity;
import io.p2proxy.signal.ErrorCode;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalMessage.Error;
import io.p2proxy.signal.SignalState;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignalingTest {

    private TwoPeers peers;

    @BeforeEach
    void start() throws Exception {
        peers = new TwoPeers(ServerLimits.DEFAULTS);
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    @Test
    void loggedInPeersExchangeSignalsWithTheVerifiedSender() throws Exception {
        var welcome = peers.alice.welcome();
        assertThat(welcome.id()).isEqualTo(peers.aliceId.id().value());
        assertThat(welcome.address().host()).isEqualTo("127.0.0.1");
        assertThat(welcome.relay()).isTrue();
        peers.assertStillRouting();

        var back = JsonNodeFactory.instance.arrayNode().add("answer").add(42);
        assertThat(peers.bob.send("alice", back)).isTrue();
        var got = peers.aliceEvents.signals.poll(5, TimeUnit.SECONDS);
        assertThat(got).isEqualTo(new RecordingListener.Received("bob", peers.bobId.id().value(), back));

        assertThat(peers.server.status().peers()).extracting(ServerStatus.Peer::name).containsExactly("alice", "bob");
        assertThat(peers.server.status().peers().get(0).id()).isEqualTo(peers.aliceId.id().value());
        assertThat(peers.server.meters().scrape()).contains("p2proxy_signal_messages_routed_total 2.0")
                .contains("p2proxy_signal_peers_online 2.0");
    }

    @Test
    void unknownAndOfflineTargetsAreAnsweredWithTheirOwnErrors() throws Exception {
        var payload = JsonNodeFactory.instance.textNode("x");
        peers.alice.send("nobody", payload);
        Error unknown = peers.aliceEvents.errors.poll(5, TimeUnit.SECONDS);
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_PEER);
        assertThat(unknown.ref()).isEqualTo("nobody");

        peers.bob.close();
        await().until(() -> peers.server.status().peers().size() == 1);
        peers.alice.send("bob", payload);
        Error offline = peers.aliceEvents.errors.poll(5, TimeUnit.SECONDS);
        assertThat(offline.code()).isEqualTo(ErrorCode.OFFLINE);
        assertThat(offline.ref()).isEqualTo("bob");
    }

    @Test
    void wrongTokenIsPermanentReportedOnceAndNeverRetried() {
        var events = new RecordingListener();
        try (SignalClient c = SignalClient.builder(TestServers.uri(peers.server), "mallory", Identity.generate(),
                "wrong").listener(events).group(peers.group).build().start()) {
            await().until(() -> c.state() == SignalState.STOPPED);
            // Stays stopped: no reconnect storm, one failure reported.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> events.count(SignalState.CONNECTING) == 1 && events.failures.size() == 1);
            assertThat(events.failures.get(0).code()).isEqualTo(ErrorCode.BAD_TOKEN);
            assertThat(events.failures.get(0).getMessage()).contains("bad_token");
            assertThat(peers.server.meters().scrape())
                    .contains("p2proxy_signal_logins_total{reason=\"bad_token\",result=\"failed\"} 1.0");
        }
    }

    @Test
    void aNameHeldByAnotherKeyIsRefusedAndTheOwnerKeepsIt() throws Exception {
        var events = new RecordingListener();
        SignalClient thief = peers.add("alice", Identity.generate(), events);
        await().until(() -> thief.state() == SignalState.STOPPED);
        assertThat(events.failures).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.NAME_TAKEN);
            assertThat(f.reason()).isEqualTo("name taken by another key");
        });
        peers.assertStillRouting();
    }

    @Test
    void theSameKeyLoggingInAgainReplacesTheStaleConnection() throws Exception {
        var events = new RecordingListener();
        SignalClient again = peers.add("alice", peers.aliceId, events);
        TwoPeers.awaitConnected(again);
        await().until(() -> peers.alice.state() == SignalState.STOPPED);
        assertThat(peers.aliceEvents.failures).singleElement()
                .satisfies(f -> assertThat(f.code()).isEqualTo(ErrorCode.REPLACED));
        assertThat(peers.server.status().peers()).hasSize(2);
        assertThat(peers.bob.send("alice", JsonNodeFactory.instance.numberNode(1))).isTrue();
        assertThat(events.signals.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
}
