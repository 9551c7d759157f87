package io.p2proxy.natlab.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names of lab namespaces and their removal. A lab's namespaces are named
 * {@code p2nl<PID>x<SEQ>-<role>}: PID is the JVM that made them, so namespaces of a JVM that died
 * without tearing down (a crash, a killed build) are recognised as stale and removed.
 */
public final class Namespaces {

    public static final String PREFIX = "p2nl";
    private static final Logger log = LoggerFactory.getLogger(Namespaces.class);
    private static final Pattern OURS = Pattern.compile(PREFIX + "(\\d+)x\\d+-.*");

    private Namespaces() {
    }

    /** {@code ip netns list}, names only. */
    public static List<String> list() {
        List<String> names = new ArrayList<>();
        for (String line : Commands.run(List.of("ip", "netns", "list")).split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().split("\\s+")[0]);
            }
        }
        return names;
    }

    /** Removes lab namespaces whose JVM is gone, killing (by pid) whatever still runs inside them. */
    public static void removeStale() {
        List<String> stale = new ArrayList<>();
        for (String name : list()) {
            Matcher matcher = OURS.matcher(name);
            if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty()) {
                stale.add(name);
            }
        }
        if (!stale.isEmpty()) {
            log.warn("removing {} stale lab namespaces of JVMs that are gone: {}", stale.size(), stale);
            delete(stale);
        }
    }

    /**
     * Kills (by pid) processes still inside the namespaces (descendants of programs the lab started,
     * which would keep a deleted namespace alive), then deletes the namespaces. Returns the errors.
     */
    public static List<String> delete(List<String> names) {
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            Commands.Result pids = Commands.attempt(List.of("ip", "netns", "pids", name), null);
            for (String pid : pids.stdout().split("\\s+")) {
                if (!pid.isBlank()) {
                    Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid));
                    process.ifPresent(handle -> {
                        log.warn("killing pid {} left in namespace {}", pid, name);
                        handle.destroyForcibly();
                    });
                }
            }
        }
        StringBuilder batch = new StringBuilder();
        names.forEach(name -> batch.append("netns del ").append(name).append('\n'));
        Commands.Result result = Commands.attempt(List.of("ip", "-force", "-batch", "-"), batch.toString());
        if (result.exit() != 0) {
            errors.add("ip netns del failed (exit " + result.exit() + "): " + result.stderr().strip());
        }
        return errors;
    }
}
