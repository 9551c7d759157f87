package io.p2proxy.natlab.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab's address plan and the commands that build it. Nothing here runs a command.
 * <ul>
 * <li>namespace {@code PREFIX-sw}: bridge {@code br0}, the public segment 198.18.0.0/24;</li>
 * <li>{@code PREFIX-pub}: 198.18.0.1 and 198.18.0.2 (rendezvous server, coturn, STUN);</li>
 * <li>on the segment (pub, hosts of sites without NAT): a default route where datagrams vanish, as on
 * the internet;</li>
 * <li>site number i (1-based) with a router: {@code PREFIX-r-NAME}, WAN 198.18.0.(10+i), LAN bridge
 * 198.19.i.1/24; its host k in {@code PREFIX-h-NAME-k} at 198.19.i.(10+k), default route via the router;</li>
 * <li>site i without NAT: host k in {@code PREFIX-h-NAME-k} at 198.18.0.(100+10i+k) on the segment.</li>
 * </ul>
 * Veth ends are created directly inside their namespaces: nothing ever appears among the host's interfaces.
 */
public final class Wiring {

    /** Every namespace of the lab: its role, name, addresses and configuration. */
    public record Ns(String role, String name, List<String> addresses, List<String> ipBatch, List<String> sysctls,
                     String iptables) {
    }

    /** The switch port (in {@code sw}) that leads to a site's router or to a host on the segment. */
    public record Port(String namespace, String device) {
    }

    private static final List<String> COMMON_SYSCTLS = List.of(
            "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1",
            // New namespaces start with bridge-nf-call-iptables=1 here (br_netfilter is loaded),
            // which silently drops traffic between ports of one bridge.
            "net.bridge.bridge-nf-call-iptables=0", "net.bridge.bridge-nf-call-ip6tables=0",
            "net.bridge.bridge-nf-call-arptables=0");

    /**
     * The rest of the internet, seen from the public segment: a default route to a gateway that
     * does not exist (a permanent neighbour entry with a MAC no port has; the switch floods such
     * frames and every port drops them). Without it a send to an address outside 198.18.0.0/24,
     * such as a LAN address behind a NAT, fails with "Network is unreachable", which no server
     * on the internet sees, and coturn closes the allocation whose relay sent it.
     */
    private static final List<String> INTERNET = List.of(
            "neigh add 198.18.0.254 lladdr 02:00:00:00:00:fe dev eth0 nud permanent",
            "route add default via 198.18.0.254");

    private final String prefix;
    private final List<String> hostBatch = new ArrayList<>();
    private final List<Ns> namespaces = new ArrayList<>();
    private final List<String> switchBatch = new ArrayList<>(List.of("link set lo up", "link add br0 type bridge",
            "link set br0 up"));

    private Wiring(String prefix) {
        this.prefix = prefix;
    }

    public static Wiring plan(String prefix, List<SiteSpec> sites) {
        if (sites.size() > 9) {
            throw new IllegalArgumentException("sites: " + sites.size() + " (expected: at most 9)");
        }
        Wiring wiring = new Wiring(prefix);
        wiring.hostBatch.add("netns add " + wiring.namespace("sw"));
        wiring.leaf("pub", "p-pub", List.of("198.18.0.1", "198.18.0.2"));
        for (int i = 1; i <= sites.size(); i++) {
            wiring.site(i, sites.get(i - 1));
        }
        wiring.namespaces.add(0, new Ns("sw", wiring.namespace("sw"), List.of(), List.copyOf(wiring.switchBatch),
                COMMON_SYSCTLS, null));
        return wiring;
    }

    public String namespace(String role) {
        return prefix + "-" + role;
    }

    public static String routerRole(String site) {
        return "r-" + site;
    }

    public static String hostRole(String site, int k) {
        return "h-" + site + "-" + k;
    }

    /** The switch port of a site's router, or of host k on the segment for a site without NAT. */
    public Port switchPort(String site, int k) {
        return new Port(namespace("sw"), k == 0 ? "p-" + site : "p-" + site + k);
    }

    /** {@code ip -batch} lines run in the host's own namespace: namespaces and veth pairs only. */
    public List<String> hostBatch() {
        return List.copyOf(hostBatch);
    }

    /** Namespaces with a bridge: the switch and every router (its LAN). */
    public List<String> bridgeNamespaces() {
        return namespaces.stream().filter(ns -> ns.role().equals("sw") || ns.role().startsWith("r-"))
                .map(Ns::name).toList();
    }

    /** All namespaces, the switch first. */
    public List<Ns> namespaces() {
        return List.copyOf(namespaces);
    }

    private void site(int i, SiteSpec site) {
        if (!site.kind().hasRouter()) {
            for (int k = 1; k <= site.hosts(); k++) {
                String address = "198.18.0." + (100 + 10 * i + k);
                leaf(hostRole(site.name(), k), switchPort(site.name(), k).device(), List.of(address));
            }
            return;
        }
        String router = namespace(routerRole(site.name()));
        hostBatch.add("netns add " + router);
        String wanPort = switchPort(site.name(), 0).device();
        hostBatch.add("link add " + wanPort + " netns " + namespace("sw") + " type veth peer name wan netns " + router);
        plugIntoSwitch(wanPort);
        String wan = "198.18.0." + (10 + i);
        List<String> batch = new ArrayList<>(List.of("link set lo up", "addr add " + wan + "/24 dev wan",
                "link set wan up", "link add lan type bridge", "addr add 198.19." + i + ".1/24 dev lan",
                "link set lan up"));
        for (int k = 1; k <= site.hosts(); k++) {
            String host = namespace(hostRole(site.name(), k));
            hostBatch.add("netns add " + host);
            hostBatch.add("link add l" + k + " netns " + router + " type veth peer name eth0 netns " + host);
            batch.add("link set l" + k + " master lan");
            batch.add("link set l" + k + " up");
            namespaces.add(hostNs(hostRole(site.name(), k), List.of("198.19." + i + "." + (10 + k)),
                    "198.19." + i + ".1"));
        }
        List<String> sysctls = new ArrayList<>(COMMON_SYSCTLS);
        sysctls.add("net.ipv4.ip_forward=1");
        namespaces.add(new Ns(routerRole(site.name()), router, List.of(wan), batch, sysctls,
                RouterRules.router(site.kind())));
    }

    /** A namespace with one interface {@code eth0} plugged into the switch (pub, or a host without NAT). */
    private void leaf(String role, String port, List<String> addresses) {
        String name = namespace(role);
        hostBatch.add("netns add " + name);
        hostBatch.add("link add " + port + " netns " + namespace("sw") + " type veth peer name eth0 netns " + name);
        plugIntoSwitch(port);
        namespaces.add(hostNs(role, addresses, null));
    }

    private Ns hostNs(String role, List<String> addresses, String gateway) {
        List<String> batch = new ArrayList<>(List.of("link set lo up"));
        for (String address : addresses) {
            batch.add("addr add " + address + "/24 dev eth0");
        }
        batch.add("link set eth0 up");
        if (gateway != null) {
            batch.add("route add default via " + gateway);
        } else {
            batch.addAll(INTERNET);
        }
        return new Ns(role, namespace(role), addresses, batch, COMMON_SYSCTLS, null);
    }

    private void plugIntoSwitch(String port) {
        switchBatch.add("link set " + port + " master br0");
        switchBatch.add("link set " + port + " up");
    }
}
