package io.p2proxy.natlab.internal;

import io.p2proxy.natlab.NatKind;

/**
 * The iptables-restore input for a site's router (WAN interface {@code wan}, LAN bridge {@code lan}),
 * the rules that make its NAT kind.
 */
public final class RouterRules {

    /** A user chain jumped to first from INPUT, FORWARD and OUTPUT; a blackout appends DROP to it. */
    public static final String BLACKOUT_CHAIN = "LAB-BLACKOUT";

    /** A user chain jumped to from FORWARD after the blackout chain; a loss rate adds a statistic DROP to it. */
    public static final String LOSS_CHAIN = "LAB-LOSS";

    private RouterRules() {
    }

    public static String router(NatKind kind) {
        if (!kind.hasRouter()) {
            throw new IllegalArgumentException("kind: " + kind + " (expected: a kind with a router)");
        }
        StringBuilder rules = new StringBuilder();
        rules.append("*filter\n")
                .append(":INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n")
                .append(':').append(BLACKOUT_CHAIN).append(" - [0:0]\n")
                .append(':').append(LOSS_CHAIN).append(" - [0:0]\n");
        for (String chain : new String[] {"INPUT", "FORWARD", "OUTPUT"}) {
            rules.append("-A ").append(chain).append(" -j ").append(BLACKOUT_CHAIN).append('\n');
        }
        rules.append("-A FORWARD -j ").append(LOSS_CHAIN).append('\n');
        // Home-router behaviour: nothing unsolicited reaches the router itself from the WAN. An
        // accepted early packet would leave a conntrack entry that changes a later peer's mapping.
        rules.append("-A INPUT -i wan -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n")
                .append("-A INPUT -i wan -j DROP\n");
        if (kind == NatKind.UDP_BLOCKED) {
            rules.append("-A FORWARD -i lan -o wan -p udp -j DROP\n");
        }
        rules.append("-A FORWARD -i lan -o wan -j ACCEPT\n")
                .append("-A FORWARD -i wan -o lan -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n")
                .append("COMMIT\n");
        rules.append("*nat\n")
                .append(":PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n")
                .append("-A POSTROUTING -o wan -j MASQUERADE")
                .append(kind == NatKind.SYMMETRIC ? " --random-fully\n" : "\n")
                .append("COMMIT\n");
        return rules.toString();
    }
}
