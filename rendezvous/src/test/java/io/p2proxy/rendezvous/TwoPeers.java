package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.Identity;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server on loopback with peers "alice" and "bob" logged in; closes everything it made. */
final class TwoPeers implements AutoCloseable {

    final EventLoopGroup group = Transports.group(2, NamedThreadFactory.of("test-clients"));
    final RendezvousServer server;
    final Identity aliceId = Identity.generate();
    final Identity bobId = Identity.generate();
    final RecordingListener aliceEvents = new RecordingListener();
    final RecordingListener bobEvents = new RecordingListener();
    final SignalClient alice;
    final SignalClient bob;
    private final List<SignalClient> clients = new ArrayList<>();

    TwoPeers(ServerLimits limits) throws Exception {
        this(TestServers.config(0), limits);
    }

    TwoPeers(ServerConfig config, ServerLimits limits) throws Exception {
        server = RendezvousServer.start(config, limits);
        alice = add("alice", aliceId, aliceEvents);
        bob = add("bob", bobId, bobEvents);
        awaitConnected(alice, bob);
    }

    SignalClient add(String name, Identity id, RecordingListener events) {
        SignalClient c = TestServers.client(server, name, id, events, group).build().start();
        clients.add(c);
        return c;
    }

    static void awaitConnected(SignalClient... clients) {
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of(clients).stream()
                .allMatch(c -> c.state() == SignalState.CONNECTED));
    }

    /** Proves the server still serves: a signal goes from alice to bob with the verified sender. */
    void assertStillRouting() throws InterruptedException {
        var payload = JsonNodeFactory.instance.objectNode().put("probe", System.nanoTime());
        assertThat(alice.send("bob", payload)).isTrue();
        RecordingListener.Received got = bobEvents.signals.poll(5, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(got.from()).isEqualTo("alice");
        assertThat(got.fromId()).isEqualTo(aliceId.id().value());
        assertThat(got.payload()).isEqualTo(payload);
    }

    @Override
    public void close() {
        clients.forEach(SignalClient::close);
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
