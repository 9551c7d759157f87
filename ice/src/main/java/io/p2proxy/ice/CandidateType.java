package io.p2proxy.ice;

import java.util.Locale;

/**
 * The four candidate types of RFC 8445 §5.1.1 with their recommended type preferences
 * (§5.1.2.2: "The RECOMMENDED values for type preferences are 126 for host candidates, 110 for
 * peer-reflexive candidates, 100 for server-reflexive candidates, and 0 for relayed candidates").
 * The tokens are those of the SDP {@code typ} field (RFC 8839 §5.1).
 */
public enum CandidateType {
    HOST("host", 126),
    SERVER_REFLEXIVE("srflx", 100),
    PEER_REFLEXIVE("prflx", 110),
    RELAY("relay", 0);

    private final String token;
    private final int typePreference;

    CandidateType(String token, int typePreference) {
        this.token = token;
        this.typePreference = typePreference;
    }

    /** The {@code typ} token: host, srflx, prflx or relay. */
    public String token() {
        return token;
    }

    /** 0..126: the type preference of §5.1.2.1. */
    public int typePreference() {
        return typePreference;
    }

    /** The type for a {@code typ} token (case-insensitive), or null. */
    public static CandidateType ofToken(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        for (CandidateType type : values()) {
            if (type.token.equals(t)) {
                return type;
            }
        }
        return null;
    }
}
