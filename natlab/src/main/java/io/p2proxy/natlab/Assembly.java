package io.p2proxy.natlab;

import io.p2proxy.natlab.internal.Commands;
import io.p2proxy.natlab.internal.Namespaces;
import io.p2proxy.natlab.internal.SiteSpec;
import io.p2proxy.natlab.internal.Wiring;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/** Runs a {@link Wiring} plan and makes the lab's {@link Host}s and {@link Site}s from it. */
record Assembly(List<String> namespaces, Host pub, Map<String, Site> sites) {

    private static final Duration FORWARDING_TIMEOUT = Duration.ofSeconds(10);

    static Assembly run(String id, List<SiteSpec> specs, Consumer<NsProcess> tracker, ScheduledExecutorService timer) {
        Wiring wiring = Wiring.plan(id, specs);
        List<String> names = wiring.namespaces().stream().map(Wiring.Ns::name).toList();
        try {
            Commands.run(List.of("ip", "-batch", "-"), String.join("\n", wiring.hostBatch()) + "\n");
            configure(wiring.namespaces());
            awaitForwarding(wiring.bridgeNamespaces());
        } catch (RuntimeException e) {
            List<String> errors = Namespaces.delete(names);
            if (!errors.isEmpty()) {
                e.addSuppressed(new LabException("cleanup after the failed build: " + errors));
            }
            throw e;
        }
        Map<String, Wiring.Ns> byRole = new LinkedHashMap<>();
        wiring.namespaces().forEach(ns -> byRole.put(ns.role(), ns));
        Host pub = host("pub", byRole.get("pub"), tracker);
        Map<String, Site> sites = new LinkedHashMap<>();
        for (SiteSpec spec : specs) {
            List<Host> hosts = new ArrayList<>();
            List<Wiring.Port> ports = new ArrayList<>();
            for (int k = 1; k <= spec.hosts(); k++) {
                hosts.add(host(spec.name() + k, byRole.get(Wiring.hostRole(spec.name(), k)), tracker));
                ports.add(wiring.switchPort(spec.name(), k));
            }
            Host router = null;
            if (spec.kind().hasRouter()) {
                router = host(spec.name() + "-router", byRole.get(Wiring.routerRole(spec.name())), tracker);
                ports = List.of(wiring.switchPort(spec.name(), 0));
            }
            sites.put(spec.name(), new Site(spec.name(), spec.kind(), router, hosts, ports, timer));
        }
        return new Assembly(names, pub, sites);
    }

    /**
     * Configures every namespace: addresses and links ({@code ip -n NS -batch}), sysctls and, on
     * routers, the iptables rules. Namespaces are independent, so they are configured two at a time.
     */
    private static void configure(List<Wiring.Ns> namespaces) {
        ExecutorService pool = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "natlab-build");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Wiring.Ns ns : namespaces) {
                done.add(pool.submit(() -> configure(ns)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new LabException("build failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while building the lab", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void configure(Wiring.Ns ns) {
        Commands.run(List.of("ip", "-n", ns.name(), "-batch", "-"), String.join("\n", ns.ipBatch()) + "\n");
        List<String> sysctl = new ArrayList<>(List.of("sysctl", "-q", "-e", "-w"));
        sysctl.addAll(ns.sysctls());
        Commands.run(Commands.inNamespace(ns.name(), sysctl));
        if (ns.iptables() != null) {
            Commands.run(Commands.inNamespace(ns.name(), List.of("iptables-restore", "-w")), ns.iptables());
        }
    }

    /**
     * A bridge port forwards only once the kernel's link watcher has seen its carrier, which it
     * reports at most once a second: until then the port is "disabled" and drops frames (and the
     * first ARP request with them). The lab is up when every port forwards.
     */
    private static void awaitForwarding(List<String> bridgeNamespaces) {
        long deadline = System.nanoTime() + FORWARDING_TIMEOUT.toNanos();
        List<String> waiting = bridgeNamespaces;
        while (true) {
            waiting = waiting.stream()
                    .filter(ns -> Commands.run(List.of("bridge", "-n", ns, "link", "show")).lines()
                            .anyMatch(line -> !line.contains("state forwarding")))
                    .toList();
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("bridge ports not forwarding after " + FORWARDING_TIMEOUT + " in " + waiting
                        + ": " + Commands.run(List.of("bridge", "-n", waiting.get(0), "link", "show")));
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static Host host(String name, Wiring.Ns ns, Consumer<NsProcess> tracker) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String address : ns.addresses()) {
            try {
                addresses.add(InetAddress.getByName(address)); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new LabException("bad address in the plan: " + address, e);
            }
        }
        return new Host(name, ns.name(), addresses, tracker);
    }
}
