package io.p2proxy.turn;

import io.p2proxy.testkit.ExternalTools;
import io.p2proxy.testkit.FreePort;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A coturn {@code turnserver} on 127.0.0.1 that a test starts and stops (by its own process
 * handle). Users {@code u:p} and {@code v:p} in realm {@code r}, long-term credentials, no TLS,
 * relays on 127.0.0.1 — which coturn refuses unless {@code --allow-loopback-peers} is given.
 */
final class Coturn implements AutoCloseable {

    static final String REALM = "r";
    static final String PASSWORD = "p";

    private final Process process;
    private final Path output;
    private final InetSocketAddress server;

    private Coturn(Process process, Path output, InetSocketAddress server) {
        this.process = process;
        this.output = output;
        this.server = server;
    }

    /** Starts turnserver (skips the test if it is missing, unless P2PROXY_REQUIRE_TOOLS=true). */
    static Coturn start(Path dir, String... extra) throws IOException {
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
        // No readiness probe: StunClient's retransmissions (0, 0.5, 1.5 s, ...) cover the start-up.
        return new Coturn(process, output, new InetSocketAddress("127.0.0.1", port));
    }

    InetSocketAddress server() {
        return server;
    }

    TurnConfig config(String user) {
        return TurnConfig.of(server, user, PASSWORD);
    }

    /** Allocates or fails the test with coturn's output. */
    TurnAllocation allocate(RelayEnd end) throws Exception {
        try {
            return end.turn.allocate().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("allocation failed; coturn (" + (process.isAlive() ? "running" : "exited "
                    + process.exitValue()) + ") said:\n" + output(), e);
        }
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        ExternalTools.stop(process);
    }
}
