package io.p2proxy.netcheck;

/**
 * One line on what a report means for p2proxy's paths (direct, TURN, server relay). Grounded in
 * what the NAT lab measured (shared NOTES.md): cone–cone punching works; cone–symmetric,
 * symmetric–symmetric and UDP-blocked need a relay. A pure function.
 */
public final class Verdict {

    private Verdict() {
    }

    public static String of(boolean udpReachable, boolean behindNat, MappingBehavior mapping) {
        if (!udpReachable) {
            return "UDP is blocked: every peer session will go through the server's relay (or TURN over TCP)";
        }
        if (!behindNat) {
            return "public address, no NAT: direct connections likely with every peer that has UDP";
        }
        return switch (mapping.kind()) {
            case ENDPOINT_INDEPENDENT -> "direct connections likely: hole punching works with public and cone-NAT peers;"
                    + " a relay will be needed for peers behind symmetric NATs";
            case ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT, ADDRESS_OR_PORT_DEPENDENT ->
                    "the mapping changes per destination (symmetric NAT): direct only with peers on public addresses;"
                            + " a relay (or TURN) will be needed for peers behind NATs";
            case UNKNOWN -> "UDP works; the mapping behaviour is unknown: direct connections are possible,"
                    + " a relay is the fallback";
        };
    }
}
