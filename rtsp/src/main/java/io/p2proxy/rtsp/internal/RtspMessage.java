package io.p2proxy.rtsp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One RTSP request or response (RFC 2326 sections 6-7, RFC 7826 sections 8-9): start line, headers
 * in order, body. Not reference counted: bodies are small (SDP, parameters) and bounded by the
 * parser. Text is ISO-8859-1 so that any byte survives a parse and an encode unchanged.
 *
 * @param startLine {@code METHOD URI RTSP/1.0} or {@code RTSP/1.0 200 OK}
 */
public record RtspMessage(String startLine, List<Header> headers, byte[] body) {

    /** One header line; the name keeps its case, lookups ignore it. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public RtspMessage {
        Objects.requireNonNull(startLine, "startLine");
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public boolean isResponse() {
        return startLine.startsWith("RTSP/");
    }

    /** The request's method, or null for a response. */
    public String method() {
        return isResponse() ? null : startLine.substring(0, startLine.indexOf(' '));
    }

    /** The request URI, or null for a response. */
    public String uri() {
        if (isResponse()) {
            return null;
        }
        int a = startLine.indexOf(' ');
        return startLine.substring(a + 1, startLine.lastIndexOf(' '));
    }

    public RtspMessage withUri(String uri) {
        int a = startLine.indexOf(' ');
        int b = startLine.lastIndexOf(' ');
        return new RtspMessage(startLine.substring(0, a + 1) + uri + startLine.substring(b), headers, body);
    }

    /** The first value of {@code name}, or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    public RtspMessage withHeaders(List<Header> replaced) {
        return new RtspMessage(startLine, replaced, body);
    }

    /** Replaces the body and keeps Content-Length true to it. */
    public RtspMessage withBody(byte[] replaced) {
        List<Header> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            out.add(h.name().equalsIgnoreCase("Content-Length")
                    ? new Header(h.name(), Integer.toString(replaced.length)) : h);
        }
        return new RtspMessage(startLine, out, replaced);
    }

    /** The wire form: start line, {@code Name: value} lines, an empty line, the body. */
    public byte[] encode() {
        StringBuilder b = new StringBuilder(128 + headers.size() * 32);
        b.append(startLine).append("\r\n");
        for (Header h : headers) {
            b.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtspMessage m && m.startLine.equals(startLine) && m.headers.equals(headers)
                && java.util.Arrays.equals(m.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(startLine, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return startLine + " " + headers + " body=" + body.length;
    }
}
