package io.p2proxy.natlab;

import io.p2proxy.natlab.internal.Commands;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A network namespace of the lab with its addresses: a host behind a site's router, a host on the
 * public segment, a router, or {@code pub}. Programs started here are killed when the lab closes.
 */
public final class Host {

    private final String name;
    private final String namespace;
    private final List<InetAddress> addresses;
    private final Consumer<NsProcess> tracker;

    Host(String name, String namespace, List<InetAddress> addresses, Consumer<NsProcess> tracker) {
        this.name = name;
        this.namespace = namespace;
        this.addresses = List.copyOf(addresses);
        this.tracker = tracker;
    }

    /** Short name: {@code pub}, {@code a1} (site a, first host), {@code a-router}. */
    public String name() {
        return name;
    }

    /** The namespace name, for {@code ip netns exec}. */
    public String namespace() {
        return namespace;
    }

    /** The host's (first) address. */
    public InetAddress address() {
        return addresses.get(0);
    }

    /** All addresses; {@code pub} has two (198.18.0.1 and 198.18.0.2) for mapping-behaviour checks. */
    public List<InetAddress> addresses() {
        return addresses;
    }

    public InetSocketAddress socketAddress(int port) {
        return new InetSocketAddress(address(), port);
    }

    /** Runs a short command here to completion; returns stdout, or throws with its stderr. */
    public String exec(String... command) {
        return exec(List.of(command));
    }

    public String exec(List<String> command) {
        return Commands.run(Commands.inNamespace(namespace, command));
    }

    /** Starts a long-running program here; stdout and stderr are merged into its lines. */
    public NsProcess start(String processName, List<String> command) {
        Objects.requireNonNull(processName, "processName");
        ProcessBuilder builder = new ProcessBuilder(Commands.inNamespace(namespace, command)).redirectErrorStream(true);
        builder.environment().remove("JAZZER_FUZZ");
        try {
            NsProcess process = new NsProcess(processName, namespace, builder.start());
            tracker.accept(process);
            return process;
        } catch (IOException e) {
            throw new LabException("cannot start " + processName + " in " + namespace + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts {@code mainClass} in a child JVM here, with this JVM's class path (in a test: the
     * test class path). {@code jvmArgs} come after the defaults (-Xmx256m, C1 only), so they win.
     */
    public NsProcess startJvm(String processName, String mainClass, List<String> jvmArgs, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return start(processName, command);
    }

    /** Starts a {@link NetProbe} here and waits until it is ready. */
    public NsProcess startProbe() {
        NsProcess probe = startJvm("probe-" + name, NetProbe.class.getName(), List.of(), List.of());
        probe.awaitLine(line -> line.equals("ready"), java.time.Duration.ofSeconds(20));
        return probe;
    }

    @Override
    public String toString() {
        return name + " " + addresses + " in " + namespace;
    }
}
