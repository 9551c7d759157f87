package io.p2proxy.natlab;

import io.p2proxy.natlab.internal.Namespaces;
import io.p2proxy.natlab.internal.SiteSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small internet of Linux network namespaces with real kernel NAT: a public segment with
 * {@code pub} (198.18.0.1 and 198.18.0.2) and, per site, a router of some {@link NatKind} with
 * hosts behind it on 198.19.N.0/24. {@link #close()} kills the programs started in it and deletes
 * every namespace (with them their veths and iptables rules); a JVM shutdown hook closes labs a
 * test forgot, and namespaces of a JVM that died are removed when the next lab is built.
 * <pre>{@code
 * try (NatLab lab = NatLab.builder().site("a", NatKind.CONE).site("b", NatKind.SYMMETRIC).build()) {
 *     NsProcess peer = lab.site("a").host().startJvm("peer-a", "io.p2proxy.cli.Main", List.of(), List.of("peer", ...));
 * }
 * }</pre>
 */
public final class NatLab implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NatLab.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final AtomicBoolean STALE_REMOVED = new AtomicBoolean();
    private static final Set<NatLab> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(NatLab::close), "natlab-shutdown"));
    }

    private final String id;
    private final List<String> namespaces;
    private final Host pub;
    private final Map<String, Site> sites;
    private final List<NsProcess> processes;
    private final ScheduledExecutorService timer;
    private final Duration upTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NatLab(String id, Assembly build, List<NsProcess> processes, ScheduledExecutorService timer, Duration upTime) {
        this.id = id;
        this.namespaces = build.namespaces();
        this.pub = build.pub();
        this.sites = build.sites();
        this.processes = processes;
        this.timer = timer;
        this.upTime = upTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The public server namespace: 198.18.0.1, and 198.18.0.2 as a second address. */
    public Host pub() {
        return pub;
    }

    public Site site(String name) {
        Site site = sites.get(name);
        if (site == null) {
            throw new IllegalArgumentException("site: " + name + " (expected: one of " + sites.keySet() + ")");
        }
        return site;
    }

    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    /** Names of every namespace of this lab. */
    public List<String> namespaces() {
        return namespaces;
    }

    /** How long building the lab took. */
    public Duration upTime() {
        return upTime;
    }

    /** Every router forgets its NAT mappings (between cases that share a lab). */
    public void flushConntrack() {
        sites.values().stream().filter(site -> site.kind().hasRouter()).forEach(Site::rebind);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        timer.shutdownNow();
        processes.forEach(NsProcess::kill);
        List<String> errors = Namespaces.delete(namespaces);
        OPEN.remove(this);
        log.info("lab {} down in {} ms", id, (System.nanoTime() - start) / 1_000_000);
        if (!errors.isEmpty()) {
            throw new LabException("lab " + id + " teardown: " + String.join("; ", errors));
        }
    }

    /** Sites in the order added; their number (1-based) picks their addresses. */
    public static final class Builder {

        private final List<SiteSpec> sites = new ArrayList<>();
        private Consumer<NatLab> onBuild = lab -> { };

        private Builder() {
        }

        /** A site with one host. */
        public Builder site(String name, NatKind kind) {
            return site(name, kind, 1);
        }

        public Builder site(String name, NatKind kind, int hosts) {
            SiteSpec spec = new SiteSpec(name, kind, hosts);
            if (sites.stream().anyMatch(site -> site.name().equals(name))) {
                throw new IllegalArgumentException("site: " + name + " (expected: a name not used yet)");
            }
            sites.add(spec);
            return this;
        }

        /** Called with each lab this builder builds (the extension registers it for closing). */
        Builder onBuild(Consumer<NatLab> listener) {
            this.onBuild = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Builds the lab; if any step fails, what was built is removed and the error says which command failed. */
        public NatLab build() {
            if (STALE_REMOVED.compareAndSet(false, true)) {
                Namespaces.removeStale();
            }
            String id = Namespaces.PREFIX + ProcessHandle.current().pid() + "x" + SEQUENCE.incrementAndGet();
            long start = System.nanoTime();
            List<NsProcess> processes = new CopyOnWriteArrayList<>();
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "natlab-timer-" + id);
                thread.setDaemon(true);
                return thread;
            });
            Assembly build = Assembly.run(id, List.copyOf(sites), processes::add, timer);
            Duration upTime = Duration.ofNanos(System.nanoTime() - start);
            NatLab lab = new NatLab(id, build, processes, timer, upTime);
            OPEN.add(lab);
            onBuild.accept(lab);
            log.info("lab {} up in {} ms: {}", id, upTime.toMillis(), describe());
            return lab;
        }

        private String describe() {
            Map<String, NatKind> kinds = new LinkedHashMap<>();
            sites.forEach(site -> kinds.put(site.name() + "x" + site.hosts(), site.kind()));
            return kinds.toString();
        }
    }

    @Override
    public String toString() {
        return "lab " + id + " " + sites.values();
    }
}
