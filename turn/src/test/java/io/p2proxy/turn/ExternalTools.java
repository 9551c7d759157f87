package io.p2proxy.turn;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs nobody here wrote, found on PATH. Missing ones skip the test, unless
 * P2PROXY_REQUIRE_TOOLS=true (system property or environment, CI sets it): then they fail it.
 */
final class ExternalTools {

    private ExternalTools() {
    }

    static Path require(String binary, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = binary + " not found on PATH (apt-get install " + debianPackage + ")";
        if (required()) {
            fail(message + " and P2PROXY_REQUIRE_TOOLS=true");
        }
        Assumptions.abort(message);
        return null;
    }

    private static boolean required() {
        return Boolean.parseBoolean(System.getProperty("P2PROXY_REQUIRE_TOOLS"))
                || Boolean.parseBoolean(System.getenv("P2PROXY_REQUIRE_TOOLS"));
    }

    /** Runs a command to completion (killing it after {@code seconds}); returns stdout and stderr together. */
    static String run(List<String> command, int seconds, Path workDir) throws IOException, InterruptedException {
        Path output = Files.createTempFile(workDir, "out", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                fail(command + " did not finish within " + seconds + " s; output:\n" + Files.readString(output));
            }
            return Files.readString(output);
        } finally {
            stop(process);
        }
    }

    /** Ends a process we started, by its handle, politely first. */
    static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A port free on 127.0.0.1 for both UDP and TCP right now: turnserver listens on both and
     * retries a busy TCP bind forever instead of serving UDP.
     */
    static int freeUdpAndTcpPort() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                    java.net.ServerSocket tcp = new java.net.ServerSocket(udp.getLocalPort(), 1,
                            InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (java.net.BindException busy) {
                if (attempt == 50) {
                    throw busy;
                }
            }
        }
    }
}
