package io.p2proxy.natlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program running inside a lab namespace ({@code ip netns exec NS ...}, which execs the program
 * in place, so {@link #pid()} is the program's own pid). Output lines (stdout and stderr merged) are
 * collected; lines can be written to its stdin. The lab kills it, by pid, when the lab closes.
 */
public final class NsProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NsProcess.class);

    private final String name;
    private final String namespace;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    NsProcess(String name, String namespace, Process process) {
        this.name = name;
        this.namespace = namespace;
        this.process = process;
        this.pump = new Thread(this::pump, "natlab-output-" + name);
        pump.setDaemon(true);
        pump.start();
        log.info("started {} in {} (pid {})", name, namespace, process.pid());
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

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every line printed so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String output() {
        return String.join("\n", lines);
    }

    /** Writes one line to the program's stdin. */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new LabException(name + " does not take input (alive: " + process.isAlive() + "): " + e
                    + "; output:\n" + output());
        }
    }

    /** Waits for the first line (from the start of the output) that matches; fails with the whole output. */
    public String awaitLine(Predicate<String> matcher, Duration timeout) {
        return awaitLine(0, matcher, timeout);
    }

    /** Waits for a matching line at index {@code from} or later (use {@code lines().size()} as a mark). */
    public String awaitLine(int from, Predicate<String> matcher, Duration timeout) {
        Awaitility.await(name + " prints the expected line")
                .atMost(timeout).pollInterval(Duration.ofMillis(10)).pollDelay(Duration.ZERO)
                .until(() -> find(from, matcher) != null || exitedWithout(from, matcher));
        String found = find(from, matcher);
        if (found == null) {
            throw new AssertionError(name + " exited (" + process.exitValue()
                    + ") before printing the expected line; output:\n" + output());
        }
        return found;
    }

    /** Lines at index {@code from} or later that match. */
    public List<String> linesMatching(int from, Predicate<String> matcher) {
        List<String> all = lines();
        return all.subList(Math.min(from, all.size()), all.size()).stream().filter(matcher).toList();
    }

    private String find(int from, Predicate<String> matcher) {
        List<String> found = linesMatching(from, matcher);
        return found.isEmpty() ? null : found.get(0);
    }

    private boolean exitedWithout(int from, Predicate<String> matcher) throws InterruptedException {
        if (process.isAlive()) {
            return false;
        }
        pump.join(5_000);
        return find(from, matcher) == null;
    }

    /** SIGTERM, by pid: the program's clean shutdown path. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL, by pid, and waits for the exit. */
    public void kill() {
        if (!process.isAlive()) {
            return;
        }
        process.toHandle().destroyForcibly();
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                log.info("killed {} in {} (pid {})", name, namespace, process.pid());
            } else {
                log.warn("{} (pid {}) still runs 10 s after SIGKILL", name, process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
