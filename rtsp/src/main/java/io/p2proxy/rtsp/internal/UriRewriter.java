package io.p2proxy.rtsp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the URIs a message carries outside its start line: the URI-valued headers of RFC 2326
 * section 12 (Content-Base 12.11, Content-Location 12.16, Location 12.25), each {@code url=} of
 * RTP-Info (12.33), and in an SDP body the {@code a=control:} and {@code a=content-base:} attributes
 * that hold absolute URIs (RFC 2326 appendix C.1.1). The mapping decides; it returns its input, or
 * null, for a URI it leaves alone.
 */
public final class UriRewriter {

    private static final Pattern RTP_INFO_URL = Pattern.compile("(?i)(url=)(\"?)([^\",;]+)");
    private static final Pattern SDP_URI = Pattern.compile("(?im)^(a=(?:control|content-base):)[ \\t]*(rtsp://[^\\r\\n]*)");

    private UriRewriter() {
    }

    public static RtspMessage rewrite(RtspMessage m, UnaryOperator<String> map) {
        List<RtspMessage.Header> out = new ArrayList<>(m.headers().size());
        boolean changed = false;
        for (RtspMessage.Header h : m.headers()) {
            String value = switch (h.name().toLowerCase(Locale.ROOT)) {
                case "content-base", "content-location", "location" -> orSame(map.apply(h.value()), h.value());
                case "rtp-info" -> rtpInfo(h.value(), map);
                default -> h.value();
            };
            changed |= !value.equals(h.value());
            out.add(value.equals(h.value()) ? h : new RtspMessage.Header(h.name(), value));
        }
        RtspMessage result = changed ? m.withHeaders(out) : m;
        String type = m.header("Content-Type");
        if (m.body().length > 0 && type != null && type.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            String sdp = new String(m.body(), StandardCharsets.ISO_8859_1);
            String rewritten = replace(sdp, SDP_URI, 2, map);
            if (!rewritten.equals(sdp)) {
                result = result.withBody(rewritten.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return result;
    }

    static String rtpInfo(String value, UnaryOperator<String> map) {
        return replace(value, RTP_INFO_URL, 3, map);
    }

    private static String replace(String text, Pattern pattern, int group, UnaryOperator<String> map) {
        Matcher m = pattern.matcher(text);
        StringBuilder b = new StringBuilder(text.length() + 32);
        int last = 0;
        while (m.find()) {
            String uri = m.group(group);
            b.append(text, last, m.start(group)).append(orSame(map.apply(uri), uri));
            last = m.end(group);
        }
        return last == 0 ? text : b.append(text, last, text.length()).toString();
    }

    private static String orSame(String mapped, String original) {
        return mapped == null ? original : mapped;
    }
}
