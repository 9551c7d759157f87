package io.p2proxy.netcheck;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * The NAT mapping behaviour (RFC 4787 §4.1) inferred from the mappings that server addresses saw
 * for one local socket, and what it was inferred from. A pure function of the observations.
 */
public record MappingBehavior(Kind kind, String basis) {

    public enum Kind {
        /** RFC 4787 §4.1: the same mapping for every destination. */
        ENDPOINT_INDEPENDENT("endpoint-independent"),
        /** The same mapping for every port of one destination address, another per address. */
        ADDRESS_DEPENDENT("address-dependent"),
        /** A new mapping per destination address and port ("symmetric"). */
        ADDRESS_AND_PORT_DEPENDENT("address-and-port-dependent"),
        /** The mapping changed between two addresses that also differ in port: one of the two above. */
        ADDRESS_OR_PORT_DEPENDENT("address-dependent or address-and-port-dependent"),
        /** Fewer than two server addresses answered. */
        UNKNOWN("unknown");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** RFC 4787's words, as printed. */
        public String label() {
            return label;
        }

        public boolean dependsOnDestination() {
            return this == ADDRESS_DEPENDENT || this == ADDRESS_AND_PORT_DEPENDENT || this == ADDRESS_OR_PORT_DEPENDENT;
        }
    }

    /** One answered Binding: where it went, what the server saw. */
    public record Observation(InetSocketAddress destination, InetSocketAddress mapped) {
        public Observation {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(mapped, "mapped");
        }
    }

    public MappingBehavior {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(basis, "basis");
    }

    /**
     * Classifies from the first observation (the primary server address) against the others, in
     * the spirit of RFC 5780 §4.3: a destination that differs from the primary in port only tells
     * address-and-port-dependent apart from the rest; one that differs in address tells
     * endpoint-independent apart from address-dependent. With no other address, the same mapping
     * across ports is reported as endpoint-independent, and the basis says it is the port test only.
     */
    public static MappingBehavior classify(List<Observation> observations) {
        if (observations.size() < 2) {
            return new MappingBehavior(Kind.UNKNOWN, "the server answers on one address only");
        }
        Observation primary = observations.get(0);
        List<Observation> others = observations.subList(1, observations.size());
        List<Observation> otherPort = others.stream().filter(o -> sameIp(o, primary)
                && o.destination().getPort() != primary.destination().getPort()).toList();
        List<Observation> otherIp = others.stream().filter(o -> !sameIp(o, primary)).toList();
        boolean portChanges = otherPort.stream().anyMatch(o -> !o.mapped().equals(primary.mapped()));
        boolean ipChanges = otherIp.stream().anyMatch(o -> !o.mapped().equals(primary.mapped()));
        if (portChanges) {
            return new MappingBehavior(Kind.ADDRESS_AND_PORT_DEPENDENT,
                    "another port of the same server address saw another mapping");
        }
        if (!otherPort.isEmpty() && !otherIp.isEmpty()) {
            return ipChanges
                    ? new MappingBehavior(Kind.ADDRESS_DEPENDENT,
                            "one mapping for both ports of an address, another for the second address")
                    : new MappingBehavior(Kind.ENDPOINT_INDEPENDENT, "one mapping for two ports and two addresses");
        }
        if (!otherIp.isEmpty()) {
            return ipChanges
                    ? new MappingBehavior(Kind.ADDRESS_OR_PORT_DEPENDENT,
                            "the second address saw another mapping; no second port to tell which")
                    : new MappingBehavior(Kind.ENDPOINT_INDEPENDENT, "one mapping for two server addresses");
        }
        if (!otherPort.isEmpty()) {
            return new MappingBehavior(Kind.ENDPOINT_INDEPENDENT,
                    "one mapping for two ports; no second server address to rule out address-dependent");
        }
        return new MappingBehavior(Kind.UNKNOWN, "the server answers on one address only");
    }

    private static boolean sameIp(Observation a, Observation b) {
        return a.destination().getAddress().equals(b.destination().getAddress());
    }
}
