package io.p2proxy.netcheck;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link NetCheck#run} found. Print it with {@link NetReportFormat}.
 *
 * @param server     the STUN server as given ({@code HOST:PORT})
 * @param udp        whether the server answered over UDP at all, and why not
 * @param local      this host's socket address on the route to the server (its IP from a route lookup)
 * @param probes     one Binding per server address, the first to the server itself
 * @param mapping    the NAT mapping behaviour (RFC 4787 §4.1) from the probes that were answered
 * @param filtering  the NAT filtering behaviour (RFC 4787 §5), where the server lets us test it
 * @param hairpin    whether a second local socket reaches the first through its public mapping
 * @param latency    round-trip times of Bindings to the server
 * @param verdict    one line: what this means for p2proxy
 * @param elapsed    how long the whole check took
 */
public record NetReport(String server, Udp udp, InetSocketAddress local, List<Probe> probes,
        MappingBehavior mapping, Filtering filtering, Hairpin hairpin, Latency latency, String verdict,
        Duration elapsed) {

    public NetReport {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(udp, "udp");
        probes = List.copyOf(probes);
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(filtering, "filtering");
        Objects.requireNonNull(hairpin, "hairpin");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The public mapping seen by the first server address that answered (normally the server itself). */
    public Optional<InetSocketAddress> publicAddress() {
        return probes.stream().filter(Probe::answered).map(Probe::mapped).findFirst();
    }

    /** True when the server saw an address other than our own socket's: a NAT in between. False when unknown. */
    public boolean behindNat() {
        return publicAddress().map(p -> !p.equals(local)).orElse(false);
    }

    /** @param reachable true once any server address answered; {@code detail} says why not */
    public record Udp(boolean reachable, String detail) {
        public Udp {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * One Binding transaction to one server address.
     *
     * @param role   {@code "primary"} (the server as given), {@code "second port"} (the same IP, another
     *               port) or {@code "second address"} (another IP)
     * @param mapped the reflexive address the server saw, or null when it did not answer
     * @param error  why there is no mapping (null when answered)
     * @param rtt    the transaction's time (including any retransmissions), or null
     */
    public record Probe(InetSocketAddress destination, String role, InetSocketAddress mapped, String error,
            Duration rtt) {
        public Probe {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(role, "role");
            if ((mapped == null) == (error == null)) {
                throw new IllegalArgumentException("mapped: " + mapped + ", error: " + error
                        + " (expected: exactly one of them)");
            }
        }

        public boolean answered() {
            return mapped != null;
        }
    }

    /** Filtering per RFC 4787 §5, or "not tested" with the reason. */
    public record Filtering(String behaviour, String detail) {
        public static final String NOT_TESTED = "not tested";
        public Filtering {
            Objects.requireNonNull(behaviour, "behaviour");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Hairpinning (RFC 4787 §6): {@code "yes"}, {@code "no"} or {@code "not tested"}, with the reason. */
    public record Hairpin(String result, String detail) {
        public Hairpin {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** @param median null when no sample came back; {@code samples} answered of {@code sent} */
    public record Latency(Duration median, int samples, int sent) {
        public static final Latency NONE = new Latency(null, 0, 0);
    }
}
