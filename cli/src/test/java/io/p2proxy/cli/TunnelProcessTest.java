package io.p2proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.p2proxy.testkit.ChildJvm;
import io.p2proxy.testkit.EchoServer;
import io.p2proxy.testkit.FreePort;
import io.p2proxy.testkit.Transfers;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a user runs it: a rendezvous server and two peers, each its own process started
 * through the CLI with config files; clients are plain sockets in this JVM, the service is an echo
 * server here. garage publishes {@code echo} (laptop allowed), {@code private} (only another peer)
 * and {@code closed} (a port nothing listens on); laptop forwards one local port to each, and to a
 * resource that does not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TunnelProcessTest {

    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private EchoServer echo;
    private ChildJvm server;
    private ChildJvm garage;
    private ChildJvm laptop;
    private int port;
    private int serverAdmin;
    private int laptopAdmin;
    private int fEcho;
    private int fPrivate;
    private int fNosuch;
    private int fClosed;
    private int socksPort;
    private int httpPort;
    private com.sun.net.httpserver.HttpServer web;

    @BeforeAll
    void start() throws Exception {
        echo = new EchoServer();
        web = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        web.createContext("/", x -> {
            byte[] body = ("page " + x.getRequestURI()).getBytes();
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        web.start();
        socksPort = FreePort.tcp();
        httpPort = FreePort.tcp();
        port = FreePort.tcp();
        serverAdmin = FreePort.tcp();
        laptopAdmin = FreePort.tcp();
        fEcho = FreePort.tcp();
        fPrivate = FreePort.tcp();
        fNosuch = FreePort.tcp();
        fClosed = FreePort.tcp();
        Files.writeString(dir.resolve("garage.toml"), String.join("\n",
                "name = \"garage\"", "server = \"ws://127.0.0.1:" + port + "\"", "token = \"secret\"",
                "key = \"garage.key\"", "admin = \"off\"", "",
                "[[publish]]", "name = \"echo\"", "target = \"127.0.0.1:" + echo.address().getPort() + "\"",
                "allow = [\"laptop\"]", "",
                "[[publish]]", "name = \"private\"", "target = \"127.0.0.1:" + echo.address().getPort() + "\"",
                "allow = [\"somebody-else\"]", "",
                "[[publish]]", "name = \"closed\"", "target = \"127.0.0.1:1\"", "allow = [\"*\"]", "",
                "[[publish]]", "name = \"web\"", "target = \"127.0.0.1:" + web.getAddress().getPort() + "\"",
                "allow = [\"laptop\"]", ""));
        Files.writeString(dir.resolve("laptop.toml"), String.join("\n",
                "name = \"laptop\"", "server = \"ws://127.0.0.1:" + port + "\"", "token = \"secret\"",
                "key = \"laptop.key\"", "admin = \"127.0.0.1:" + laptopAdmin + "\"", "linger = \"1s\"", "",
                forward(fEcho, "echo"), forward(fPrivate, "private"), forward(fNosuch, "nosuch"), forward(fClosed, "closed"),
                "[socks]\nlisten = \"127.0.0.1:" + socksPort + "\"\n", "[http]\nlisten = \"127.0.0.1:" + httpPort + "\"\n"));
        server = startServer();
        garage = Cli.start("garage", dir, "peer", "-c", "garage.toml");
        laptop = Cli.start("laptop", dir, "peer", "-c", "laptop.toml");
        await("both peers online").atMost(T).pollInterval(Duration.ofMillis(50))
                .until(() -> Admin.onlinePeers("127.0.0.1:" + serverAdmin).containsAll(List.of("garage", "laptop")));
    }

    private ChildJvm startServer() {
        return Cli.start("server", dir, "server", "--listen", "127.0.0.1:" + port, "--stun", "127.0.0.1:0",
                "--token", "secret", "--admin", "127.0.0.1:" + serverAdmin);
    }

    private static String forward(int port, String resource) {
        return "[[forward]]\nlisten = \"127.0.0.1:" + port + "\"\nto = \"garage/" + resource + "\"\n";
    }

    @AfterAll
    void stop() {
        for (ChildJvm p : new ChildJvm[] {laptop, garage, server}) {
            if (p != null) {
                p.close();
            }
        }
        echo.close();
        web.stop(0);
    }

    private static String curl(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    @Test
    @Order(5)
    void curlReachesThePublishedPageThroughSocksAndTheHttpProxy() throws Exception {
        if (!new java.io.File("/usr/bin/curl").canExecute()) {
            String why = "curl is not installed (Debian package curl)";
            if ("true".equals(System.getenv("P2PROXY_REQUIRE_TOOLS"))) {
                throw new AssertionError(why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        assertThat(curl("--socks5-hostname", "127.0.0.1:" + socksPort, "http://web.garage.p2p/a")).isEqualTo("page /a");
        assertThat(curl("-x", "http://127.0.0.1:" + httpPort, "http://web.garage.p2p/b?c=1")).isEqualTo("page /b?c=1");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "-x", "http://127.0.0.1:" + httpPort,
                "http://private.garage.p2p/")).isEqualTo("403");
    }

    private static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Test
    @Order(1)
    void sixtyFourMebibytesArriveIntactAndHalfCloseTravels() {
        // Transfers.echo half-closes after its last byte and still reads the whole reply.
        Transfers.Result r = Transfers.echo(local(fEcho), 64L << 20, 42);
        assertThat(r.bytesReceived()).isEqualTo(64L << 20);
        assertThat(r.received()).isEqualTo(r.sent());
    }

    @Test
    @Order(2)
    void sixteenConcurrentTransfersArriveIntact() {
        List<CompletableFuture<Transfers.Result>> all = IntStream.range(0, 16).mapToObj(i -> CompletableFuture
                .supplyAsync(() -> Transfers.echo(local(fEcho), 2L << 20, 100 + i))).toList();
        all.forEach(f -> assertThat(f.join().received()).isEqualTo(f.join().sent()));
    }

    @Test
    @Order(3)
    void statusShowsTheSessionAsTheSpecDescribesIt() {
        try (Socket s = new Socket("127.0.0.1", fEcho)) {
            s.getOutputStream().write(1);
            assertThat(s.getInputStream().read()).isEqualTo(1);
            JsonNode status = Admin.status("127.0.0.1:" + laptopAdmin);
            JsonNode session = status.path("sessions").get(0);
            assertThat(session.path("peer").asText()).isEqualTo("garage");
            assertThat(session.path("state").asText()).isEqualTo("connected");
            assertThat(session.path("path").asText()).isEqualTo("direct");
            assertThat(session.path("remote").asText()).startsWith("127.0.0.1:");
            assertThat(session.path("id").asText()).hasSize(52);
            assertThat(session.has("rtt_ms")).isTrue();
            assertThat(session.has("bytes_sent") && session.has("bytes_received") && session.has("streams")).isTrue();
            assertThat(status.path("listeners")).hasSize(6);
            assertThat(status.path("listeners").findValuesAsText("kind")).containsExactly(
                    "forward", "forward", "forward", "forward", "socks", "http");
            assertThat(status.path("listeners").get(0).path("kind").asText()).isEqualTo("forward");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(4)
    void aResetClientIsSeenAsAResetByTheService() throws Exception {
        int before = echo.resets();
        try (Socket s = new Socket("127.0.0.1", fEcho)) {
            s.getOutputStream().write("ping".getBytes());
            assertThat(s.getInputStream().readNBytes(4)).isEqualTo("ping".getBytes());
            s.setSoLinger(true, 0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> echo.resets() == before + 1);
    }

    @Test
    @Order(5)
    void notAllowedUnknownAndRefusedAreResets() throws Exception {
        for (int f : new int[] {fPrivate, fNosuch, fClosed}) {
            try (Socket s = new Socket("127.0.0.1", f)) {
                s.setSoTimeout(20_000);
                assertThatThrownBy(() -> s.getInputStream().read()).as("forward port %d", f)
                        .isInstanceOf(SocketException.class).hasMessageContaining("reset");
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> laptop.output().contains("garage/nosuch: client"));
        assertThat(laptop.output()).contains("resource unknown or not allowed")
                .contains("the target refused the connection at the publishing peer");
    }

    @Test
    @Order(6)
    void aSessionKeepsWorkingWhileTheServerIsDownAndNewSessionsFormWhenItIsBack() throws Exception {
        try (Socket held = new Socket("127.0.0.1", fEcho)) { // keeps the session from lingering out
            held.getOutputStream().write(7);
            assertThat(held.getInputStream().read()).isEqualTo(7);
            server.kill();
            Transfers.Result during = Transfers.echo(local(fEcho), 1 << 20, 9);
            assertThat(during.received()).isEqualTo(during.sent());
        }
        await("the idle session lingers out").atMost(Duration.ofSeconds(20))
                .until(() -> Admin.status("127.0.0.1:" + laptopAdmin).path("sessions").isEmpty());
        server = startServer();
        await("both peers back").atMost(T).pollInterval(Duration.ofMillis(50))
                .until(() -> Admin.onlinePeers("127.0.0.1:" + serverAdmin).containsAll(List.of("garage", "laptop")));
        Transfers.Result after = Transfers.echo(local(fEcho), 1 << 20, 10);
        assertThat(after.received()).isEqualTo(after.sent());
    }
}
