package io.p2proxy.netcheck;

import io.p2proxy.common.HostPort;
import io.p2proxy.stun.StunRetransmission;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link NetCheck#run} probes.
 *
 * @param second         another STUN address to probe besides those the server advertises, or null
 * @param retransmission for Bindings to the server; the default gives up after 3.25 s, which bounds
 *                       a run where UDP is blocked
 * @param hairpin        for the hairpin Binding between our own two sockets; shorter, since a NAT
 *                       that hairpins answers within its own round trip
 * @param latencySamples how many Bindings to time for the latency median (0: none)
 */
public record NetCheckOptions(HostPort second, StunRetransmission retransmission, StunRetransmission hairpin,
        int latencySamples) {

    /** Sends at 0, 250, 750 and 1750 ms; gives up at 3250 ms (RFC 8489 §6.2.1's schedule, shortened). */
    public static final StunRetransmission SHORT = new StunRetransmission(Duration.ofMillis(250), 4, 6);
    /** Sends at 0, 200 and 600 ms; gives up at 1000 ms. */
    public static final StunRetransmission HAIRPIN = new StunRetransmission(Duration.ofMillis(200), 3, 2);

    public NetCheckOptions {
        Objects.requireNonNull(retransmission, "retransmission");
        Objects.requireNonNull(hairpin, "hairpin");
        if (latencySamples < 0 || latencySamples > 100) {
            throw new IllegalArgumentException("latencySamples: " + latencySamples + " (expected: 0..100)");
        }
    }

    public static NetCheckOptions defaults() {
        return new NetCheckOptions(null, SHORT, HAIRPIN, 5);
    }

    public NetCheckOptions withSecond(HostPort second) {
        return new NetCheckOptions(second, retransmission, hairpin, latencySamples);
    }
}
