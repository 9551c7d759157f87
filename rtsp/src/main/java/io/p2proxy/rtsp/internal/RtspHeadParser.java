package io.p2proxy.rtsp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses a complete message head (start line and header lines, without the empty line) as
 * RFC 2326 section 4 and RFC 7826 section 5 write it; lines end in CRLF or a bare LF, a line that
 * starts with a space or tab continues the header before it (folding, RFC 2326 section 4.2).
 */
final class RtspHeadParser {

    /** {@code METHOD SP Request-URI SP RTSP-Version}; the URI has no spaces. */
    private static final Pattern REQUEST = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+ [^ ]+ RTSP/\\d\\.\\d");
    /** {@code RTSP-Version SP Status-Code SP Reason-Phrase} (the reason may be empty). */
    private static final Pattern RESPONSE = Pattern.compile("RTSP/\\d\\.\\d \\d{3}( [^\\r\\n]*)?");
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private RtspHeadParser() {
    }

    /** @param head ISO-8859-1 text of the head, line breaks included, the final empty line excluded */
    static ParsedHead parse(String head) throws RtspParseException {
        String[] lines = head.split("\r?\n", -1);
        String start = lines[0];
        if (!REQUEST.matcher(start).matches() && !RESPONSE.matcher(start).matches()) {
            throw new RtspParseException("not an RTSP start line: '" + printable(start) + "'");
        }
        List<RtspMessage.Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            char c = line.charAt(0);
            if ((c == ' ' || c == '\t') && !headers.isEmpty()) {
                RtspMessage.Header last = headers.remove(headers.size() - 1);
                headers.add(new RtspMessage.Header(last.name(), (last.value() + " " + line.strip()).strip()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !NAME.matcher(line.substring(0, colon)).matches()) {
                throw new RtspParseException("not a header line: '" + printable(line) + "'");
            }
            headers.add(new RtspMessage.Header(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        int length = 0;
        for (RtspMessage.Header h : headers) {
            if (h.name().equalsIgnoreCase("Content-Length")) {
                length = contentLength(h.value());
            }
        }
        return new ParsedHead(start, headers, length);
    }

    private static int contentLength(String value) throws RtspParseException {
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            throw new RtspParseException("bad Content-Length: '" + printable(value) + "'");
        }
        return Integer.parseInt(value);
    }

    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        cut.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return b.toString();
    }

    record ParsedHead(String startLine, List<RtspMessage.Header> headers, int contentLength) {
    }
}
