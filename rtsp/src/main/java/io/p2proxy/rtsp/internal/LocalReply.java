package io.p2proxy.rtsp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A response the listener writes itself (an error of SPEC.md's table, a 461); written into the
 * client's pipeline as this type so that {@link ResponseRewriter} puts it between two of the
 * server's units, never inside one.
 */
public record LocalReply(int status, byte[] bytes) {

    /** A response to {@code request} with a short text reason as its body (RFC 2326 section 7.1). */
    public static LocalReply to(RtspMessage request, int status, String phrase, String reason) {
        List<RtspMessage.Header> headers = new ArrayList<>();
        String cseq = request == null ? null : request.header("CSeq");
        if (cseq != null) {
            headers.add(new RtspMessage.Header("CSeq", cseq));
        }
        String session = request == null ? null : request.header("Session");
        if (session != null) {
            headers.add(new RtspMessage.Header("Session", session));
        }
        byte[] body = reason == null ? new byte[0] : (reason + "\r\n").getBytes(StandardCharsets.UTF_8);
        headers.add(new RtspMessage.Header("Server", "p2proxy"));
        if (body.length > 0) {
            headers.add(new RtspMessage.Header("Content-Type", "text/plain; charset=utf-8"));
        }
        headers.add(new RtspMessage.Header("Content-Length", Integer.toString(body.length)));
        String version = request != null && request.startLine().endsWith("RTSP/2.0") ? "RTSP/2.0" : "RTSP/1.0";
        return new LocalReply(status, new RtspMessage(version + " " + status + " " + phrase, headers, body).encode());
    }
}
