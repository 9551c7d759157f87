package io.p2proxy.proxy.internal;

import io.p2proxy.common.PeerName;
import io.p2proxy.common.ResourceAddress;
import java.util.Locale;

/**
 * The DNS form of a resource address (SPEC.md, "Names"): {@code RESOURCE.PEER.p2p}, case-insensitive,
 * one trailing dot allowed. Anything else is refused: the listeners are no open proxy.
 */
public final class P2pNames {

    public static final String SUFFIX = ".p2p";

    private P2pNames() {
    }

    /**
     * @param host a host name without port (a bracketed IPv6 literal keeps its brackets)
     * @throws RefusedException NOT_P2P naming why the name is not a resource
     */
    public static ResourceAddress parse(String host) throws RefusedException {
        if (host == null || host.isEmpty()) {
            throw new RefusedException(Refusal.NOT_P2P, "no host name");
        }
        if (isIpLiteral(host)) {
            throw new RefusedException(Refusal.NOT_P2P, "raw IP address " + printable(host) + " (expected: RESOURCE.PEER.p2p)");
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!name.endsWith(SUFFIX)) {
            throw new RefusedException(Refusal.NOT_P2P, "not a *.p2p name: " + printable(host));
        }
        String rest = name.substring(0, name.length() - SUFFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 0 || dot != rest.lastIndexOf('.')) {
            throw new RefusedException(Refusal.NOT_P2P, "bad name " + printable(host) + " (expected: RESOURCE.PEER.p2p)");
        }
        String resource = rest.substring(0, dot);
        String peer = rest.substring(dot + 1);
        if (!PeerName.isValid(resource) || !PeerName.isValid(peer)) {
            throw new RefusedException(Refusal.NOT_P2P, "bad name " + printable(host)
                    + " (expected: RESOURCE.PEER.p2p; names: " + PeerName.EXPECTED + ")");
        }
        return new ResourceAddress(peer, resource);
    }

    /** {@code 10.0.0.1}, {@code [::1]}, {@code ::1}: literals never name a resource. */
    static boolean isIpLiteral(String host) {
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }

    /** Client-supplied text in a log line or answer: printable ASCII, at most 80 characters. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder("'");
        s.chars().limit(80).forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return b.append(s.length() > 80 ? "...'" : "'").toString();
    }
}
