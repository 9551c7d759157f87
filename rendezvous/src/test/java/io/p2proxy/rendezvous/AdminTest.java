package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.common.HostPort;
import io.p2proxy.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminTest {

    @Test
    void statusListsOnlinePeersAndMetricsCountLogins() throws Exception {
        try (TwoPeers peers = new TwoPeers(ServerLimits.DEFAULTS);
             RendezvousServer server = RendezvousServer.start(new ServerConfig(null, new HostPort("127.0.0.1", 0),
                     List.of(), null, TestServers.TOKEN, new HostPort("127.0.0.1", 0), true, null))) {
            assertThat(peers.server.adminAddress()).isNull();
            var events = new RecordingListener();
            var c = TestServers.client(server, "garage", peers.aliceId, events, peers.group).build().start();
            try (c) {
                TwoPeers.awaitConnected(c);
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + server.adminAddress().getPort();
                JsonNode status = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/status"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                JsonNode peer = status.get("peers").get(0);
                assertThat(peer.get("name").asText()).isEqualTo("garage");
                assertThat(peer.get("id").asText()).isEqualTo(peers.aliceId.id().value());
                assertThat(peer.get("address").asText()).startsWith("127.0.0.1:");
                assertThat(peer.get("since").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
                assertThat(status.get("relays").isArray()).isTrue();
                String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("p2proxy_signal_peers_online 1").contains("p2proxy_signal_logins_total");
            }
        }
    }
}
