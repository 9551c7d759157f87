package io.p2proxy.signal;

import java.util.Locale;

/**
 * Stable error codes of the signaling protocol, written on the wire in lower snake case
 * ({@code name_taken}). Clients act on the code, never on the reason text.
 */
public enum ErrorCode {
    /** The network token is wrong. Permanent: retrying cannot help. */
    BAD_TOKEN(true),
    /** The name is bound to another key on this server. Permanent. */
    NAME_TAKEN(true),
    /** The name is not {@code [a-z0-9][a-z0-9-]{0,62}}. Permanent. */
    BAD_NAME(true),
    /** The public key is not a base64 P-256 SubjectPublicKeyInfo. Permanent. */
    BAD_KEY(true),
    /** The login signature does not verify. Permanent: the same key signs the same way next time. */
    BAD_SIGNATURE(true),
    /** The client speaks a protocol version this server does not. Permanent. */
    BAD_VERSION(true),
    /** Another connection logged in with the same name and key; this one was closed. Permanent. */
    REPLACED(true),
    UNKNOWN_PEER(false),
    OFFLINE(false),
    MALFORMED(false),
    UNKNOWN_TYPE(false),
    /** A message that is valid but not allowed now (e.g. a second hello). */
    UNEXPECTED(false),
    RATE_LIMITED(false),
    TOO_LARGE(false),
    NOT_LOGGED_IN(false),
    LOGIN_TIMEOUT(false),
    /**
     * A relayed datagram was dropped (ref = the target): relay is off on this server, the target is
     * yourself, unknown or offline, or the server has not introduced you to it (a signal each way).
     * Sent once per streak of refusals to the same target; the reason says which.
     */
    RELAY_REFUSED(false),
    /** A code this build does not know (a newer server); treated as transient. */
    UNKNOWN(false);

    private final boolean permanent;
    private final String wire;

    ErrorCode(boolean permanent) {
        this.permanent = permanent;
        this.wire = name().toLowerCase(Locale.ROOT);
    }

    /** True when a client must stop instead of reconnecting: the same login would fail again. */
    public boolean permanent() {
        return permanent;
    }

    public String wire() {
        return wire;
    }

    /** The code for {@code wire}, or {@link #UNKNOWN} for codes newer than this build. */
    public static ErrorCode fromWire(String wire) {
        for (ErrorCode c : values()) {
            if (c.wire.equals(wire)) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
