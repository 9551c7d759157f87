package io.p2proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    record Session(String peer, @JsonProperty("rtt_ms") double rttMs, @JsonProperty("bytes_sent") long bytesSent) {
    }

    record Status(String name, Instant since, List<Session> sessions) {
    }

    private static final HostPort LOOPBACK_ANY = HostPort.parse("127.0.0.1:0");
    private static EventLoopGroup group;
    private static HttpClient client;
    private PrometheusMeterRegistry registry;
    private AdminServer server;

    @BeforeAll
    static void startGroup() {
        group = Transports.group(1, NamedThreadFactory.of("admin-test"));
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void start() throws IOException {
        registry = AdminMetrics.newRegistry();
        Status status = new Status("laptop", Instant.parse("2026-11-25T08:00:00Z"),
                List.of(new Session("garage", 1.4, 12345)));
        server = AdminServer.start(group, LOOPBACK_ANY, () -> status, registry);
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.localAddress().getPort() + path);
    }

    @Test
    void statusIsTheSuppliedObjectAsJson() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/status")));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode json = AdminServer.objectMapper().readTree(res.body());
        assertThat(json.get("name").asText()).isEqualTo("laptop");
        assertThat(json.get("since").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(json.at("/sessions/0/rtt_ms").asDouble()).isEqualTo(1.4);
        assertThat(json.at("/sessions/0/bytes_sent").asLong()).isEqualTo(12345);
    }

    @Test
    void metricsIsPrometheusTextWithRegisteredCounters() throws Exception {
        registry.counter("p2proxy.logins", "result", "ok").increment(3);

        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/metrics?debug=1")));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(res.body()).contains("# TYPE p2proxy_logins_total counter")
                .contains("p2proxy_logins_total{result=\"ok\"} 3.0")
                .contains("jvm_threads_live_threads");
    }

    @Test
    void unknownPathIs404() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/nope")));

        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body()).isEqualTo("not found: /nope\n");
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/status"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(res.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(res.body()).isEqualTo("method not allowed: POST (expected: GET)\n");
    }

    @Test
    void headAnswersHeadersOnly() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/status"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEmpty();
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/status"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(64 * 1024))));

        assertThat(res.statusCode()).isEqualTo(413);
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/status")).header("x-big", "y".repeat(16 * 1024)));

        assertThat(res.statusCode()).isEqualTo(431);
    }

    @Test
    void aFailingStatusSupplierIs500AndTheServerKeepsServing() throws Exception {
        try (AdminServer failing = AdminServer.start(group, LOOPBACK_ANY, () -> {
            throw new IllegalStateException("boom");
        }, registry)) {
            URI status = URI.create("http://127.0.0.1:" + failing.localAddress().getPort() + "/status");
            URI metrics = URI.create("http://127.0.0.1:" + failing.localAddress().getPort() + "/metrics");

            assertThat(send(HttpRequest.newBuilder(status)).statusCode()).isEqualTo(500);
            assertThat(send(HttpRequest.newBuilder(metrics)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTakenPortIsABindExceptionNamingTheAddress() {
        HostPort taken = HostPort.of(server.localAddress());

        assertThatThrownBy(() -> AdminServer.start(group, taken, () -> "x", registry))
                .isInstanceOf(BindException.class)
                .hasMessageStartingWith("admin: cannot listen on " + taken + ": ");
    }

    @Test
    void closeReleasesThePortAndIsIdempotent() throws Exception {
        HostPort address = HostPort.of(server.localAddress());
        server.close();
        server.close();

        server = AdminServer.start(group, address, () -> "again", registry);

        assertThat(send(HttpRequest.newBuilder(uri("/status"))).body()).isEqualTo("\"again\"");
    }
}
