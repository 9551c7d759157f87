package io.p2proxy.rtsp;

import static org.awaitility.Awaitility.await;

import io.p2proxy.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * GStreamer's RTSP server serving a live test pattern at {@code /test} (rtsp_server.py), started on a
 * free loopback port and killed by its PID. {@link #connections()} counts the server's TCP
 * connections from /proc/net/tcp: every state but LISTEN and TIME_WAIT (a CLOSE_WAIT is a connection
 * the server still holds).
 */
final class RtspServerProcess implements AutoCloseable {

    final int port = FreePort.tcp();
    final int fps;
    private final Process process;
    private final Path log;

    RtspServerProcess(int fps) throws IOException {
        this.fps = fps;
        Path script = Files.createTempFile("rtsp_server", ".py");
        try (var in = RtspServerProcess.class.getResourceAsStream("rtsp_server.py")) {
            Files.write(script, in.readAllBytes());
        }
        log = Files.createTempFile("rtsp_server", ".log");
        process = new ProcessBuilder(Tools.PYTHON, script.toString(), Integer.toString(port), Integer.toString(fps))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.readString(log).contains("ready") || !process.isAlive());
        if (!process.isAlive()) {
            throw new IOException("the RTSP server did not start: " + Files.readString(log));
        }
        Files.delete(script);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    long connections() {
        String hexPort = String.format(":%04X", port);
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/tcp"));
            return lines.stream().skip(1).map(String::trim).map(l -> l.split("\\s+"))
                    .filter(f -> f[1].endsWith(hexPort) && !f[3].equals("0A") && !f[3].equals("06"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's own output, for a failure message. */
    String output() {
        try {
            String out = Files.readString(log);
            return (process.isAlive() ? "" : "exited " + process.exitValue() + ": ") + out.substring(Math.max(0, out.length() - 2000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws IOException {
        if (!process.isAlive()) {
            throw new IOException("the RTSP server died during the test: " + output());
        }
        process.destroy(); // this process only, by its PID
        await().atMost(Duration.ofSeconds(5)).until(() -> !process.isAlive());
        Files.deleteIfExists(log);
    }
}
