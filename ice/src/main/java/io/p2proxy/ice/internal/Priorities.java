package io.p2proxy.ice.internal;

import io.p2proxy.ice.CandidateType;

/** The two priority formulas of RFC 8445. */
public final class Priorities {

    private Priorities() {
    }

    /**
     * §5.1.2.1:
     * <pre>
     * priority = (2^24)*(type preference) +
     *            (2^8)*(local preference) +
     *            (2^0)*(256 - component ID)
     * </pre>
     * "The local preference MUST be an integer from 0 (lowest preference) to 65535 (highest
     * preference) inclusive."
     */
    public static long candidate(CandidateType type, int localPreference, int component) {
        if (localPreference < 0 || localPreference > 65535) {
            throw new IllegalArgumentException("localPreference: " + localPreference + " (expected: 0..65535)");
        }
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component: " + component + " (expected: 1..256)");
        }
        return (1L << 24) * type.typePreference() + (1L << 8) * localPreference + (256 - component);
    }

    /** The local preference a priority was built with (bits 8..23). */
    public static int localPreference(long candidatePriority) {
        return (int) (candidatePriority >>> 8) & 0xffff;
    }

    /**
     * §6.1.2.3: "Let G be the priority for the candidate provided by the controlling agent. Let D
     * be the priority for the candidate provided by the controlled agent.
     * <pre>
     * pair priority = 2^32*MIN(G,D) + 2*MAX(G,D) + (G&gt;D?1:0)
     * </pre>
     * Both are below 2^31, so the result fits an unsigned 63 bits: a plain long compares right.
     */
    public static long pair(long controlling, long controlled) {
        long g = controlling;
        long d = controlled;
        return (1L << 32) * Math.min(g, d) + 2 * Math.max(g, d) + (g > d ? 1 : 0);
    }
}
