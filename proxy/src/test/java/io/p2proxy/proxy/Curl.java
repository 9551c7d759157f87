package io.p2proxy.proxy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real curl on PATH. Missing, it skips the test, unless P2PROXY_REQUIRE_TOOLS=true (system
 * property or environment; CI sets it): then it fails it. Proxy variables of the environment are
 * removed so that only the options given count.
 */
final class Curl {

    record Result(int exit, String out) {
    }

    private Curl() {
    }

    static Result run(String... args) throws Exception {
        Path curl = require();
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "20"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("curl", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy",
                    "NO_PROXY").forEach(pb.environment()::remove);
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail(command + " did not finish within 30 s: " + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path require() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "curl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "curl not found on PATH (apt-get install curl)";
        if (Boolean.parseBoolean(System.getProperty("P2PROXY_REQUIRE_TOOLS"))
                || Boolean.parseBoolean(System.getenv("P2PROXY_REQUIRE_TOOLS"))) {
            fail(message + " and P2PROXY_REQUIRE_TOOLS=true");
        }
        Assumptions.abort(message);
        return null;
    }
}
