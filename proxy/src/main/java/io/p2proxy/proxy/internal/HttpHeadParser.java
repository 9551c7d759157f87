package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental, bounded parsing of a request head (RFC 9112): {@link #parse} returns null until the
 * blank line has arrived, consuming nothing; then the head, consuming exactly it. A request line
 * over {@link #MAX_LINE} is 414, a field line over it or a head over {@link #MAX_HEAD} is 431,
 * anything malformed 400: detected as soon as the bytes show it, never after buffering more.
 * Lines end with CRLF or a bare LF (section 2.2); obsolete line folding is refused (section 5.2).
 */
public final class HttpHeadParser {

    public static final int MAX_LINE = 8 * 1024;
    public static final int MAX_HEAD = 16 * 1024;
    private static final String TCHAR = "!#$%&'*+-.^_`|~";

    private HttpHeadParser() {
    }

    public static HttpHead parse(ByteBuf in) throws HttpHeadException {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int pos = start;
        while (pos < end && (in.getByte(pos) == '\r' || in.getByte(pos) == '\n')) {
            pos++; // section 2.2: ignore empty lines before the request line
        }
        List<String> lines = new ArrayList<>();
        while (true) {
            int lf = in.indexOf(pos, Math.min(end, pos + MAX_LINE + 2), (byte) '\n');
            if (lf < 0) {
                checkLength(lines.isEmpty(), end - pos, end - start);
                return null;
            }
            int lineEnd = lf > pos && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            checkLength(lines.isEmpty(), lineEnd - pos, lf + 1 - start);
            if (lineEnd == pos) {
                if (lines.isEmpty()) {
                    throw new HttpHeadException(400, "no request line");
                }
                HttpHead head = build(lines, lf + 1 - start);
                in.readerIndex(lf + 1);
                return head;
            }
            lines.add(in.toString(pos, lineEnd - pos, StandardCharsets.ISO_8859_1));
            pos = lf + 1;
        }
    }

    private static void checkLength(boolean requestLine, int line, int head) throws HttpHeadException {
        if (line > MAX_LINE) {
            throw requestLine ? new HttpHeadException(414, "request line over " + MAX_LINE + " bytes")
                    : new HttpHeadException(431, "a header field line over " + MAX_LINE + " bytes");
        }
        if (head > MAX_HEAD) {
            throw new HttpHeadException(431, "request head over " + MAX_HEAD + " bytes");
        }
    }

    private static HttpHead build(List<String> lines, int length) throws HttpHeadException {
        String[] parts = lines.get(0).split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty() || !visible(parts[1])) {
            throw new HttpHeadException(400, "malformed request line");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new HttpHeadException(400, "unsupported version (expected: HTTP/1.1 or HTTP/1.0)");
        }
        List<HttpHead.Field> fields = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new HttpHeadException(400, "obsolete line folding");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new HttpHeadException(400, "malformed header field");
            }
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new HttpHeadException(400, "control character in a header field");
            }
            fields.add(new HttpHead.Field(line.substring(0, colon), value));
        }
        return new HttpHead(parts[0], parts[1], parts[2], fields, length);
    }

    private static boolean isToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c < 0x7f && (Character.isLetterOrDigit(c) || TCHAR.indexOf(c) >= 0));
    }

    private static boolean visible(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
