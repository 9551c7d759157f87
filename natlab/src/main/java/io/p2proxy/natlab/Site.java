package io.p2proxy.natlab;

import io.p2proxy.natlab.internal.Commands;
import io.p2proxy.natlab.internal.RouterRules;
import io.p2proxy.natlab.internal.Wiring;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One site of the lab: hosts behind a router of some {@link NatKind}, or hosts on the public segment. */
public final class Site {

    private static final Logger log = LoggerFactory.getLogger(Site.class);

    private final String name;
    private final NatKind kind;
    private final Host router;
    private final List<Host> hosts;
    private final List<Wiring.Port> switchPorts;
    private final ScheduledExecutorService timer;
    private final AtomicReference<Impairment> blackout = new AtomicReference<>();

    Site(String name, NatKind kind, Host router, List<Host> hosts, List<Wiring.Port> switchPorts,
         ScheduledExecutorService timer) {
        this.name = name;
        this.kind = kind;
        this.router = router;
        this.hosts = List.copyOf(hosts);
        this.switchPorts = List.copyOf(switchPorts);
        this.timer = timer;
    }

    public String name() {
        return name;
    }

    public NatKind kind() {
        return kind;
    }

    public List<Host> hosts() {
        return hosts;
    }

    /** The first host. */
    public Host host() {
        return hosts.get(0);
    }

    /** Host number {@code k}, 1-based. */
    public Host host(int k) {
        if (k < 1 || k > hosts.size()) {
            throw new IllegalArgumentException("k: " + k + " (expected: 1.." + hosts.size() + ")");
        }
        return hosts.get(k - 1);
    }

    /** The router's namespace (WAN address first); a site of kind NONE has none. */
    public Host router() {
        if (router == null) {
            throw new IllegalStateException("site " + name + " is of kind NONE: it has no router");
        }
        return router;
    }

    /** The address the public segment sees this site's traffic from: the router's WAN address, or the first host's. */
    public InetAddress publicAddress() {
        return router == null ? host().address() : router.address();
    }

    /**
     * Cuts the site off: the router drops everything (iptables DROP in INPUT, FORWARD and OUTPUT);
     * a site without NAT has its switch ports disabled. Hosts see no link change, only silence.
     */
    public Impairment blackout() {
        Impairment current = new Impairment("blackout", this, this::restore);
        if (!blackout.compareAndSet(null, current)) {
            throw new IllegalStateException("site " + name + " is already blacked out");
        }
        if (router != null) {
            router.exec("iptables", "-w", "-A", RouterRules.BLACKOUT_CHAIN, "-j", "DROP");
        } else {
            switchPorts.forEach(port -> setPortState(port, "0"));
        }
        log.info("blackout of site {} ({})", name, kind);
        return current;
    }

    /**
     * The router starts dropping every UDP packet it forwards (TCP passes): like a network that
     * blocks UDP, from now on until lifted. Shares the blackout's chain, so not during a blackout.
     */
    public Impairment blockUdp() {
        Impairment current = new Impairment("udp blocked", this, this::restore);
        if (!blackout.compareAndSet(null, current)) {
            throw new IllegalStateException("site " + name + " is blacked out or already blocks UDP");
        }
        router().exec("iptables", "-w", "-A", RouterRules.BLACKOUT_CHAIN, "-p", "udp", "-j", "DROP");
        log.info("site {} ({}) blocks UDP", name, kind);
        return current;
    }

    /** A blackout lifted by itself after {@code duration} (or earlier by the returned handle). */
    public Impairment blackoutFor(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        Impairment current = blackout();
        timer.schedule(current::lift, duration.toMillis(), TimeUnit.MILLISECONDS);
        return current;
    }

    private void restore() {
        if (router != null) {
            router.exec("iptables", "-w", "-F", RouterRules.BLACKOUT_CHAIN);
        } else {
            switchPorts.forEach(port -> setPortState(port, "3"));
        }
        blackout.set(null);
    }

    private static void setPortState(Wiring.Port port, String state) {
        // `ip link set ... type bridge_slave state N` is silently ignored here; `bridge link set` works.
        Commands.run(List.of("bridge", "-n", port.namespace(), "link", "set", "dev", port.device(), "state", state));
    }

    /**
     * Random loss without netem: the router drops each packet it forwards, in either direction,
     * with {@code probability} (iptables {@code statistic} match). Needs a router.
     */
    public Impairment loss(double probability) {
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("probability: " + probability + " (expected: > 0 and < 1)");
        }
        String p = String.format(java.util.Locale.ROOT, "%.4f", probability);
        router().exec("iptables", "-w", "-A", RouterRules.LOSS_CHAIN, "-m", "statistic", "--mode", "random",
                "--probability", p, "-j", "DROP");
        log.info("site {} ({}) loses {} of forwarded packets", name, kind, p);
        return new Impairment("loss " + p, this, () -> router.exec("iptables", "-w", "-F", RouterRules.LOSS_CHAIN));
    }

    /**
     * NAT rebinding: the router forgets every mapping ({@code conntrack -F} in its namespace). The
     * next packet from the LAN gets a new mapping: a new random port behind SYMMETRIC; behind CONE
     * Linux keeps the source port where it is free, so the mapping usually comes back the same and
     * only inbound packets between the flush and the next outbound packet are dropped.
     */
    public void rebind() {
        router().exec("conntrack", "-F");
        log.info("site {} ({}) rebinding: router conntrack flushed", name, kind);
    }

    @Override
    public String toString() {
        return "site " + name + " (" + kind + ")";
    }
}
