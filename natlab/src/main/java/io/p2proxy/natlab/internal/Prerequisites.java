package io.p2proxy.natlab.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the lab needs from the machine, checked once per JVM: Linux, root, the tools on PATH, and a
 * namespace in which iptables can install a {@code MASQUERADE --random-fully} rule.
 */
public final class Prerequisites {

    /** Tool on PATH, and the Debian package that has it. */
    private static final Map<String, String> TOOLS = Map.of(
            "ip", "iproute2", "bridge", "iproute2", "iptables", "iptables", "iptables-restore", "iptables",
            "sysctl", "procps", "conntrack", "conntrack");

    private static volatile List<String> missing;

    private Prerequisites() {
    }

    /** Why the lab cannot run here; empty when it can. */
    public static List<String> missing() {
        List<String> result = missing;
        if (result == null) {
            synchronized (Prerequisites.class) {
                result = missing;
                if (result == null) {
                    result = List.copyOf(check());
                    missing = result;
                }
            }
        }
        return result;
    }

    private static List<String> check() {
        List<String> problems = new ArrayList<>();
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return List.of("not Linux (os.name=" + System.getProperty("os.name") + ")");
        }
        String uid = effectiveUid();
        if (!"0".equals(uid)) {
            problems.add("not root (effective uid " + uid + "): network namespaces and iptables need root");
        }
        TOOLS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(tool -> !onPath(tool.getKey()))
                .forEach(tool -> problems.add("`" + tool.getKey() + "` not on PATH (Debian package "
                        + tool.getValue() + ")"));
        if (problems.isEmpty()) {
            tryNamespace().ifPresent(problems::add);
        }
        return problems;
    }

    /** Creates a namespace, installs a symmetric-NAT rule in it and removes it again. */
    private static java.util.Optional<String> tryNamespace() {
        String name = Namespaces.PREFIX + ProcessHandle.current().pid() + "x0-check";
        try {
            Commands.run(List.of("ip", "netns", "add", name));
            Commands.run(Commands.inNamespace(name, List.of("iptables", "-w", "-t", "nat", "-A", "POSTROUTING",
                    "-j", "MASQUERADE", "--random-fully")));
            return java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.of("cannot make a namespace with NAT: " + e.getMessage());
        } finally {
            Commands.attempt(List.of("ip", "netns", "del", name), null);
        }
    }

    private static String effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2];
                }
            }
            return "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
