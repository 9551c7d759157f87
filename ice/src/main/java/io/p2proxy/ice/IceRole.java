package io.p2proxy.ice;

/**
 * RFC 8445 §6.1.1: the controlling agent nominates the pair; the controlled agent follows. The
 * session layer makes the dialing peer controlling; a conflict (both claim the same role) is
 * resolved on the wire by tie-breakers (§7.3.1.1), so the role may change once checks start.
 */
public enum IceRole {
    CONTROLLING,
    CONTROLLED;

    public IceRole opposite() {
        return this == CONTROLLING ? CONTROLLED : CONTROLLING;
    }
}
