package io.p2proxy.rtsp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One ffmpeg playing an RTSP URL for a while into the null muxer. Progress is reported every 0.2 s
 * ({@code -progress pipe:1 -stats_period 0.2}); each report is stamped with the wall clock when it
 * arrives, which gives frames per second and the longest time without a new frame (a stall).
 */
final class Player implements AutoCloseable {

    /** A frame count at a time since the start. */
    record Sample(long millis, long frames) {
    }

    private final Process process;
    private final Path stderr;
    private final long start = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private final CompletableFuture<Void> reader;

    private Player(List<String> command) throws IOException {
        stderr = Files.createTempFile("ffmpeg", ".err");
        process = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        reader = CompletableFuture.runAsync(this::readProgress);
    }

    /** Plays {@code url} for {@code seconds} with interleaved TCP asked for up front. */
    static Player play(String url, double seconds) throws IOException {
        return play(url, seconds, "tcp");
    }

    /** @param transport ffmpeg's -rtsp_transport, or null for its default (UDP first, TCP after a 461) */
    static Player play(String url, double seconds, String transport) throws IOException {
        List<String> c = new ArrayList<>(List.of("/usr/bin/ffmpeg", "-nostdin", "-hide_banner", "-v", "error"));
        if (transport != null) {
            c.addAll(List.of("-rtsp_transport", transport));
        }
        c.addAll(List.of("-i", url, "-t", Double.toString(seconds), "-f", "null", "-",
                "-progress", "pipe:1", "-stats_period", "0.2"));
        return new Player(c);
    }

    private void readProgress() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("frame=")) {
                    long frames = Long.parseLong(line.substring(6).trim());
                    synchronized (samples) {
                        samples.add(new Sample(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), frames));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process went away; what was read is what there is
        }
    }

    /** Waits for ffmpeg to end; its exit status. */
    int await(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroy();
            throw new AssertionError("ffmpeg still running after " + seconds + " s: " + errors());
        }
        reader.get(5, TimeUnit.SECONDS);
        return process.exitValue();
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    long frames() {
        List<Sample> s = samples();
        return s.isEmpty() ? 0 : s.get(s.size() - 1).frames();
    }

    /** Frames per second between the first frame and the last report. */
    double fps() {
        List<Sample> s = samples().stream().filter(x -> x.frames() > 0).toList();
        if (s.size() < 2) {
            return 0;
        }
        Sample a = s.get(0);
        Sample b = s.get(s.size() - 1);
        return (b.frames() - a.frames()) * 1000.0 / Math.max(1, b.millis() - a.millis());
    }

    /** The longest wall-clock time between two reports with new frames, once frames flow. */
    long longestStallMillis() {
        long longest = 0;
        Sample lastNew = null;
        for (Sample s : samples()) {
            if (s.frames() == 0) {
                continue;
            }
            if (lastNew == null || s.frames() > lastNew.frames()) {
                if (lastNew != null) {
                    longest = Math.max(longest, s.millis() - lastNew.millis());
                }
                lastNew = s;
            }
        }
        return longest;
    }

    String errors() {
        try {
            return Files.readString(stderr).strip();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroy(); // by its PID, this process only
        }
        Files.deleteIfExists(stderr);
    }
}
