package io.p2proxy.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs nobody here wrote, found on PATH. Missing ones skip the test, unless
 * P2PROXY_REQUIRE_TOOLS=true (system property or environment, CI sets it): then they fail it.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    public static Path require(String binary, String debianPackage) {
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
    public static String run(List<String> command, int seconds, Path workDir) throws IOException, InterruptedException {
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
    public static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
