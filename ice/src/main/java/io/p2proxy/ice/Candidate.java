package io.p2proxy.ice;

import io.p2proxy.ice.internal.CandidateSyntax;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An ICE candidate (RFC 8445 §5.1): a transport address a peer may be reached at, with what the
 * checks need to rank and group it. Travels over signaling in the RFC 8839 §5.1 {@code candidate:}
 * attribute syntax ({@link #format()}, {@link #parse(String)}), e.g.
 * {@code candidate:1 1 UDP 2130706431 192.0.2.1 50000 typ host}.
 *
 * @param foundation     1..32 ice-chars; equal for candidates of the same type, base and server (§5.1.1.3)
 * @param component      1..256; p2proxy uses one component (1): QUIC needs one flow
 * @param transport      how the candidate carries datagrams; only equal kinds are paired
 * @param priority       1..2^31-1 (§5.1.2)
 * @param address        a resolved IP address and port; never a name
 * @param type           host, srflx, prflx or relay
 * @param relatedAddress the base or mapped address (§5.1.1.2 "related address"), or null (always null for host)
 */
public record Candidate(String foundation, int component, TransportKind transport, long priority,
        InetSocketAddress address, CandidateType type, InetSocketAddress relatedAddress) {

    /** The only component p2proxy uses. */
    public static final int COMPONENT = 1;
    public static final long MAX_PRIORITY = (1L << 31) - 1;

    public Candidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        if (!IceCredentials.iceChars(foundation, 1, 32)) {
            throw new IllegalArgumentException("foundation: '" + foundation + "' (expected: 1..32 ice-chars)");
        }
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component: " + component + " (expected: 1..256)");
        }
        if (priority < 1 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority: " + priority + " (expected: 1..2^31-1)");
        }
        requireResolved(address, "address");
        if (relatedAddress != null) {
            requireResolved(relatedAddress, "relatedAddress");
            if (type == CandidateType.HOST) {
                throw new IllegalArgumentException("relatedAddress: " + relatedAddress + " (expected: none for a host candidate)");
            }
        }
    }

    /** A component-1 UDP candidate. */
    public static Candidate udp(String foundation, long priority, InetSocketAddress address, CandidateType type,
            InetSocketAddress relatedAddress) {
        return new Candidate(foundation, COMPONENT, TransportKind.UDP, priority, address, type, relatedAddress);
    }

    /**
     * Parses the RFC 8839 §5.1 attribute value, {@code candidate:} prefix included. Strict: IP
     * literals only (no names, no mDNS), known candidate types only; extension attributes after the
     * type (RFC 8839: "generation 0", "ufrag ...") are checked for shape and ignored.
     *
     * @throws IceException with {@link IceException.Reason#MALFORMED} naming what was expected
     */
    public static Candidate parse(String text) throws IceException {
        Objects.requireNonNull(text, "text");
        return CandidateSyntax.parse(text);
    }

    /** The RFC 8839 §5.1 attribute value, {@code candidate:} prefix included. */
    public String format() {
        return CandidateSyntax.format(this);
    }

    @Override
    public String toString() {
        return type.token() + " " + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static void requireResolved(InetSocketAddress a, String name) {
        if (a.isUnresolved()) {
            throw new IllegalArgumentException(name + ": " + a + " (expected: a resolved IP address)");
        }
    }
}
