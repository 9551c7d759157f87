package io.p2proxy.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.common.HostPort;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.rendezvous.RendezvousServer;
import io.p2proxy.signal.SignalState;
import io.p2proxy.testkit.Fds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerNodeTest {

    private static final HostPort ANY = HostPort.parse("127.0.0.1:0");

    @TempDir
    Path dir;
    private RendezvousServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = RendezvousServer.start(new ServerConfig(null, ANY, List.of(ANY), null, "secret", null, true, null));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private PeerConfig config(String name, String token) {
        return new PeerConfig(null, name, URI.create("ws://" + HostPort.of(server.signalAddress())), token,
                dir.resolve(name + ".key"), ANY, Duration.ofSeconds(30),
                List.of(new PeerConfig.Publish("camera", HostPort.parse("127.0.0.1:554"), List.of("laptop"))),
                List.of(), null, null, null, List.of(), List.of());
    }

    @Test
    void statusShowsTheServerConnectionAndPublishedResourcesAsTheSpecSays() throws Exception {
        try (Peer peer = P2Proxy.peer(config("garage", "secret")).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> peer.serverState() == SignalState.CONNECTED);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + HostPort.of(peer.adminAddress()) + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode s = new ObjectMapper().readTree(r.body());
            assertThat(s.path("name").asText()).isEqualTo("garage");
            assertThat(s.path("id").asText()).isEqualTo(peer.id().value());
            assertThat(s.path("server").path("state").asText()).isEqualTo("connected");
            assertThat(s.path("server").path("url").asText()).startsWith("ws://127.0.0.1:");
            assertThat(s.path("sessions").isArray()).isTrue();
            assertThat(s.path("listeners").isArray()).isTrue();
            assertThat(s.path("published").get(0).path("name").asText()).isEqualTo("camera");
            assertThat(s.path("published").get(0).path("target").asText()).isEqualTo("127.0.0.1:554");

            HttpResponse<String> m = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + HostPort.of(peer.adminAddress()) + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(m.body()).contains("p2proxy_server_connected 1.0");
        }
    }

    @Test
    void aWrongTokenCompletesTheFailureOnceAndStopsTrying() throws Exception {
        try (Peer peer = P2Proxy.peer(config("laptop", "wrong")).start()) {
            var failure = peer.failure().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(failure.getMessage()).contains("token");
            await().atMost(Duration.ofSeconds(5)).until(() -> peer.serverState() == SignalState.STOPPED);
        }
    }

    @Test
    void closeReleasesEveryThreadAndDescriptorOverManyStarts() throws Exception {
        // warm up class loading and the JDK's own lazily opened files
        try (Peer peer = P2Proxy.peer(config("warm", "secret")).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> peer.serverState() == SignalState.CONNECTED);
        }
        long fds = Fds.count();
        long threads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("p2proxy-peer")).count();
        for (int i = 0; i < 20; i++) {
            try (Peer peer = P2Proxy.peer(config("cycle", "secret")).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> peer.serverState() == SignalState.CONNECTED);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("p2proxy-peer")
                && t.isAlive()).count()).isEqualTo(threads);
        await("descriptors back to baseline").atMost(Duration.ofSeconds(5)).until(() -> Fds.count() <= fds);
        await("the server saw every cycle leave").atMost(Duration.ofSeconds(5)).until(() -> server.status().peers().isEmpty());
    }
}
