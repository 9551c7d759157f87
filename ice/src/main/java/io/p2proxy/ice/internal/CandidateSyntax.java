package io.p2proxy.ice.internal;

import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.CandidateType;
import io.p2proxy.ice.IceException;
import io.p2proxy.ice.TransportKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The RFC 8839 §5.1 grammar, strictly:
 * <pre>
 * candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                       connection-address SP port SP cand-type [SP rel-addr] [SP rel-port]
 *                       *(SP cand-extension)
 * cand-type = "typ" SP candidate-types ; rel-addr = "raddr" SP connection-address ; rel-port = "rport" SP port
 * </pre>
 * Single spaces only; addresses must be IP literals (a name would need DNS, which a parser must
 * not do); extensions come in name/value pairs and are ignored (RFC 8839: unknown extensions are).
 */
public final class CandidateSyntax {

    private static final String PREFIX = "candidate:";
    private static final int MAX_LENGTH = 1024;

    private CandidateSyntax() {
    }

    public static String format(Candidate c) {
        StringBuilder sb = new StringBuilder(96).append(PREFIX).append(c.foundation()).append(' ')
                .append(c.component()).append(' ').append(c.transport().token()).append(' ')
                .append(c.priority()).append(' ').append(c.address().getAddress().getHostAddress()).append(' ')
                .append(c.address().getPort()).append(" typ ").append(c.type().token());
        if (c.relatedAddress() != null) {
            sb.append(" raddr ").append(c.relatedAddress().getAddress().getHostAddress())
                    .append(" rport ").append(c.relatedAddress().getPort());
        }
        return sb.toString();
    }

    public static Candidate parse(String text) throws IceException {
        if (text.length() > MAX_LENGTH) {
            throw malformed(text, "at most " + MAX_LENGTH + " characters");
        }
        if (!text.startsWith(PREFIX)) {
            throw malformed(text, "'candidate:' first");
        }
        String[] f = text.substring(PREFIX.length()).split(" ", -1);
        if (f.length < 8 || f.length % 2 != 0) {
            throw malformed(text, "foundation component transport priority address port typ TYPE [raddr A rport P] [name value]...");
        }
        String foundation = f[0];
        if (!io.p2proxy.ice.IceCredentials.iceChars(foundation, 1, 32)) {
            throw malformed(text, "a foundation of 1..32 ice-chars");
        }
        int component = (int) number(text, f[1], 3, 1, 256, "component");
        TransportKind transport;
        try {
            transport = new TransportKind(f[2]);
        } catch (IllegalArgumentException e) {
            throw malformed(text, "a transport token");
        }
        long priority = number(text, f[3], 10, 1, Candidate.MAX_PRIORITY, "priority");
        InetAddress ip = ip(text, f[4]);
        int port = (int) number(text, f[5], 5, 0, 65535, "port");
        if (!f[6].equals("typ")) {
            throw malformed(text, "'typ' after the port");
        }
        CandidateType type = CandidateType.ofToken(f[7]);
        if (type == null) {
            throw malformed(text, "typ host, srflx, prflx or relay");
        }
        InetSocketAddress related = null;
        int i = 8;
        if (i < f.length && f[i].equals("raddr")) {
            if (i + 3 >= f.length || !f[i + 2].equals("rport")) {
                throw malformed(text, "raddr ADDRESS rport PORT");
            }
            related = new InetSocketAddress(ip(text, f[i + 1]), (int) number(text, f[i + 3], 5, 0, 65535, "rport"));
            i += 4;
        }
        for (; i < f.length; i += 2) {
            if (f[i].isEmpty() || f[i + 1].isEmpty() || f[i].equals("raddr") || f[i].equals("rport")
                    || !f[i].chars().allMatch(CandidateSyntax::visible) || !f[i + 1].chars().allMatch(CandidateSyntax::visible)) {
                throw malformed(text, "extensions as 'name value' pairs");
            }
        }
        if (type == CandidateType.HOST && related != null) {
            throw malformed(text, "no raddr/rport on a host candidate");
        }
        return new Candidate(foundation, component, transport, priority, new InetSocketAddress(ip, port), type, related);
    }

    private static boolean visible(int c) {
        return c > 0x20 && c < 0x7f;
    }

    private static long number(String text, String s, int maxDigits, long min, long max, String what)
            throws IceException {
        if (s.isEmpty() || s.length() > maxDigits || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(text, what + " as 1.." + maxDigits + " digits");
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw malformed(text, what + " in " + min + ".." + max);
        }
        return v;
    }

    /** An IPv4 dotted quad or an IPv6 literal; never a name, so never a DNS lookup. */
    static InetAddress ip(String text, String s) throws IceException {
        if (s.indexOf(':') >= 0) {
            if (s.length() > 45 || (Character.digit(s.charAt(0), 16) < 0 && s.charAt(0) != ':') || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                throw malformed(text, "an IP address literal");
            }
            try {
                return InetAddress.getByName(s); // hex digit or ':' first and a ':': parsed as a literal, never resolved
            } catch (UnknownHostException e) {
                throw malformed(text, "an IP address literal");
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw malformed(text, "an IP address literal");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                throw malformed(text, "an IP address literal");
            }
            bytes[i] = (byte) Integer.parseInt(p);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static IceException malformed(String text, String expected) {
        String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
        StringBuilder safe = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> safe.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return new IceException(IceException.Reason.MALFORMED, "bad candidate '" + safe + "' (expected: " + expected + ")");
    }
}
