package io.p2proxy.cli;

import com.sun.net.httpserver.HttpServer;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.ResourceAddress;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.node.P2Proxy;
import io.p2proxy.node.Peer;
import io.p2proxy.rendezvous.RendezvousServer;
import io.p2proxy.signal.SignalState;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code p2proxy demo}: a rendezvous server, two peers and a small HTTP service, all on loopback
 * in this process. {@code garage} publishes the service as {@code web}; {@code laptop} forwards a
 * local port to {@code garage/web}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts a server, two peers and a sample HTTP service on loopback and shows them working.")
final class DemoCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(15);

    @Option(names = "--check", description = "check that everything works, print the result and exit (0 = working)")
    boolean check;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("p2proxy-demo");
        String token = UUID.randomUUID().toString();
        HostPort loopback0 = HostPort.parse("127.0.0.1:0");
        HttpServer web = sampleService();
        RendezvousServer server = RendezvousServer.start(new ServerConfig(null, loopback0, List.of(loopback0), null,
                token, loopback0, true, null));
        URI url = URI.create("ws://" + HostPort.of(server.signalAddress()));
        HostPort webAddress = HostPort.of(web.getAddress());
        Peer garage = P2Proxy.peer(peer("garage", url, token, dir,
                List.of(new PeerConfig.Publish("web", webAddress, List.of("laptop"))), List.of())).start();
        Peer laptop = P2Proxy.peer(peer("laptop", url, token, dir, List.of(),
                List.of(new PeerConfig.Forward(HostPort.parse("127.0.0.1:0"), new ResourceAddress("garage", "web"))))).start();
        AutoCloseable all = () -> {
            laptop.close();
            garage.close();
            server.close();
            web.stop(0);
            deleteTree(dir);
        };
        try {
            boolean online = awaitOnline(garage, laptop);
            String curl = "http://" + HostPort.of(laptop.forwardAddresses().get(0)) + "/";
            PrintStream out = System.out;
            out.println();
            out.println("rendezvous server  ws://" + HostPort.of(server.signalAddress()) + "/v1/signal");
            out.println("peer garage        " + garage.serverState().wire() + ", publishes web -> " + webAddress
                    + " (the sample HTTP service), allows laptop");
            out.println("peer laptop        " + laptop.serverState().wire() + ", forwards "
                    + HostPort.of(laptop.forwardAddresses().get(0)) + " -> garage/web");
            if (!online) {
                out.println("demo: the peers did not log in within " + LOGIN_TIMEOUT.toSeconds() + " s");
                return Main.FAILURE;
            }
            String body = fetch(curl);
            out.println();
            out.println("Through the tunnel (laptop -> peer-to-peer QUIC -> garage -> web): " + body.strip());
            laptop.status().sessions().forEach(session -> out.println("session laptop -> " + session.peer() + ": "
                    + session.state() + ", " + session.path() + " path to " + session.remote()));
            out.println();
            out.println("Try it yourself:");
            out.println("  curl " + curl);
            out.println("  ./p2proxy status --admin " + HostPort.of(laptop.adminAddress()));
            if (check) {
                boolean ok = body.contains("hello from the garage");
                out.println(ok ? "demo: ok" : "demo: unexpected answer");
                return ok ? Main.OK : Main.FAILURE;
            }
            out.println("Press Ctrl-C to stop.");
            return UntilStopped.run(() -> closeQuietly(all), new CompletableFuture<>(), log, "demo");
        } finally {
            if (check) {
                closeQuietly(all);
            }
        }
    }

    private static String fetch(String url) throws IOException, InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).build();
        try {
            return client.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "(failed: " + e + ")";
        }
    }

    private static PeerConfig peer(String name, URI server, String token, Path dir, List<PeerConfig.Publish> publish,
            List<PeerConfig.Forward> forward) {
        return new PeerConfig(null, name, server, token, dir.resolve(name + ".key"), HostPort.parse("127.0.0.1:0"),
                Duration.ofSeconds(30), publish, forward, null, null, null, List.of(), List.of());
    }

    private static boolean awaitOnline(Peer... peers) throws InterruptedException {
        long deadline = System.nanoTime() + LOGIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (java.util.Arrays.stream(peers).allMatch(p -> p.serverState() == SignalState.CONNECTED)) {
                return true;
            }
            Thread.sleep(20); // a user-facing wait loop, not test synchronisation
        }
        return false;
    }

    private static HttpServer sampleService() throws IOException {
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        web.createContext("/", exchange -> {
            byte[] body = "hello from the garage, through p2proxy\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        return web;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("demo: while stopping: {}", e.toString());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
