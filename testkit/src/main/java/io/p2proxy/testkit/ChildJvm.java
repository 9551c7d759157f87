package io.p2proxy.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A program run in its own JVM with this test's class path: the real process boundary (its own
 * pid, signals, exit status, file descriptors) without needing the packaged jar. Output lines are
 * collected for assertions; {@link #close()} kills it (by its own handle) if it still runs.
 */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.pump = new Thread(this::pump, "child-output-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code mainClass} with {@code args}; stdout and stderr are merged. */
    public static ChildJvm start(String name, Path workDir, String mainClass, List<String> jvmArgs, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAZZER_FUZZ");
        try {
            return new ChildJvm(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process is gone; what it printed is kept
        }
    }

    public long pid() {
        return process.pid();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String output() {
        return String.join("\n", lines);
    }

    /** Waits until a line matches, failing with the whole output when it does not in time or the process exits. */
    public String awaitLine(Predicate<String> matcher, Duration timeout) {
        Awaitility.await(name + " prints the expected line; output so far:\n" + output())
                .atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> matched(matcher));
        return lines.stream().filter(matcher).findFirst().orElseThrow();
    }

    private boolean matched(Predicate<String> matcher) throws InterruptedException {
        if (lines.stream().anyMatch(matcher)) {
            return true;
        }
        if (!process.isAlive()) {
            pump.join(5_000);
            if (lines.stream().anyMatch(matcher)) {
                return true;
            }
            throw new AssertionError(name + " exited (" + process.exitValue()
                    + ") before printing the expected line:\n" + output());
        }
        return false;
    }

    /** Waits for the exit status; the output pump is drained first so that {@link #output()} is whole. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still runs after " + timeout + "; output:\n" + output());
            }
            pump.join(timeout.toMillis());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * SIGTERM: the program's clean shutdown path. Sent through the ProcessHandle, because
     * {@code Process.destroy()} also closes our ends of the pipes and loses what the program says
     * while it shuts down.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: a crash, nothing closes cleanly. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
