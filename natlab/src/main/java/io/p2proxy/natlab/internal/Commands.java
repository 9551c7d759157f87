package io.p2proxy.natlab.internal;

import io.p2proxy.natlab.LabException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs short administrative commands (ip, iptables-restore, sysctl, conntrack) as argument lists,
 * never through a shell. A failure becomes a {@link LabException} naming the command, its exit
 * status and its stderr.
 */
public final class Commands {

    private static final long TIMEOUT_SECONDS = 20;
    /** Output readers block; the common pool has one thread on a 2-core machine, so they get their own. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "natlab-command-output");
        thread.setDaemon(true);
        return thread;
    });

    private Commands() {
    }

    /** Runs {@code command}; returns its stdout. */
    public static String run(List<String> command) {
        return run(command, null);
    }

    /** Runs {@code command} with {@code stdin} (may be null) fed to it; returns its stdout. */
    public static String run(List<String> command, String stdin) {
        Result result = attempt(command, stdin);
        if (result.exit() != 0) {
            throw new LabException("command failed (exit " + result.exit() + "): " + String.join(" ", command)
                    + (stdin == null ? "" : "\n  stdin:\n" + stdin.indent(4).stripTrailing())
                    + "\n  stderr: " + result.stderr().strip());
        }
        return result.stdout();
    }

    /** Runs {@code command} and reports its outcome without throwing on a non-zero exit. */
    public static Result attempt(List<String> command, String stdin) {
        List<String> copy = List.copyOf(command);
        Process process;
        try {
            process = new ProcessBuilder(copy).start();
        } catch (IOException e) {
            throw new LabException("cannot start " + String.join(" ", copy) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), READERS);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), READERS);
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command exited without reading its input; its exit status and stderr say why
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LabException("command timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", copy));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", copy), e);
        }
    }

    /** {@code ip netns exec NS command...}. */
    public static List<String> inNamespace(String namespace, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return full;
    }

    private static String drain(InputStream stream) {
        try (InputStream in = stream) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a finished command said. */
    public record Result(int exit, String stdout, String stderr) {
    }
}
