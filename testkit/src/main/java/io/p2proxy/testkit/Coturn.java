package io.p2proxy.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A coturn {@code turnserver} on 127.0.0.1 that a test starts and stops (by its own process
 * handle), for any module's tests. Users {@code u:p} and {@code v:p} in realm {@code r}, long-term
 * credentials, no TLS, relays on 127.0.0.1 — which coturn refuses unless
 * {@code --allow-loopback-peers} is given. Its verbose log ({@link #output()}) shows every
 * allocation, permission, channel and release.
 */
public final class Coturn implements AutoCloseable {

    public static final String REALM = "r";
    public static final String PASSWORD = "p";
    /** The users coturn knows, each with {@link #PASSWORD}. */
    public static final List<String> USERS = List.of("u", "v");

    private final Process process;
    private final Path output;
    private final InetSocketAddress server;

    private Coturn(Process process, Path output, InetSocketAddress server) {
        this.process = process;
        this.output = output;
        this.server = server;
    }

    /**
     * Starts turnserver with its files in {@code dir} and {@code extra} options (skips the test if
     * it is missing, unless P2PROXY_REQUIRE_TOOLS=true).
     */
    public static Coturn start(Path dir, String... extra) throws IOException {
        Path binary = ExternalTools.require("turnserver", "coturn");
        int port = FreePort.udpAndTcp();
        int altPort = FreePort.udpAndTcp();
        // A relay range of its own per listening port; coturn skips relay ports others hold.
        int minPort = 20000 + (port % 400) * 100;
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--no-tls", "--no-dtls", "--no-cli", "--no-software-attribute",
                "--listening-ip=127.0.0.1", "--listening-port=" + port, "--alt-listening-port=" + altPort,
                "--relay-ip=127.0.0.1", "--min-port=" + minPort, "--max-port=" + (minPort + 99),
                "--allow-loopback-peers",
                "--lt-cred-mech", "--realm=" + REALM, "--user=u:" + PASSWORD, "--user=v:" + PASSWORD,
                "--log-file=stdout", "--simple-log", "-v",
                "--pidfile=" + dir.resolve("turn.pid"), "--userdb=" + dir.resolve("turndb")));
        command.addAll(List.of(extra));
        Path output = dir.resolve("turn.out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        // No readiness probe: STUN retransmissions (0, 0.5, 1.5 s, ...) cover the start-up.
        return new Coturn(process, output, new InetSocketAddress("127.0.0.1", port));
    }

    /** The UDP (and TCP) address it listens on. */
    public InetSocketAddress server() {
        return server;
    }

    /**
     * Waits (at most 10 s) until it accepts TCP connections on {@link #server()}: over UDP the
     * STUN retransmissions cover its start-up, but a refused TCP connection is final.
     */
    public Coturn awaitTcp() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket probe = new Socket()) {
                probe.connect(server, 1000);
                return true;
            }
        });
        return this;
    }

    /** What it logged so far. */
    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Whether it runs, and else its exit value, with its log: for a failing test's message. */
    public String describe() {
        return "coturn (" + (process.isAlive() ? "running" : "exited " + process.exitValue()) + ") said:\n" + output();
    }

    @Override
    public void close() throws InterruptedException {
        ExternalTools.stop(process);
    }
}
