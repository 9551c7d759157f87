package io.p2proxy.natlab;

import io.p2proxy.natlab.internal.Commands;
import io.p2proxy.natlab.internal.Namespaces;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the lab must leave as it found on the machine: namespaces (other JVMs' labs excepted, they
 * come and go), the host's own interfaces and the host's own iptables rules (read, never changed).
 */
record HostState(List<String> namespaces, List<String> interfaces, List<String> iptables) {

    private static final Pattern COUNTERS = Pattern.compile("\\[\\d+:\\d+\\]");

    static HostState now() {
        String ours = Namespaces.PREFIX + ProcessHandle.current().pid() + "x";
        List<String> namespaces = Namespaces.list().stream()
                .filter(name -> !name.startsWith(Namespaces.PREFIX) || name.startsWith(ours))
                .sorted().toList();
        List<String> interfaces = Commands.run(List.of("ip", "-br", "link")).lines()
                .map(line -> line.split("\\s+")[0]).sorted().toList();
        List<String> iptables = Commands.run(List.of("iptables-save")).lines()
                .filter(line -> !line.startsWith("#"))
                .map(line -> COUNTERS.matcher(line).replaceAll(""))
                .toList();
        return new HostState(namespaces, interfaces, iptables);
    }
}
