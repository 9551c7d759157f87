package io.p2proxy.rtsp.internal;

import io.p2proxy.session.SessionException;
import io.p2proxy.transport.StreamOpenException;

/**
 * SPEC.md's error table, RTSP column: unknown peer or offline 404, resource unknown or not allowed
 * 403, target refused or unreachable 503, a URI that names no PEER/RESOURCE 400; each with a reason.
 *
 * @param reason one short sentence, for the answer's body and the log line
 */
public record RtspRefusal(int status, String phrase, String reason) {

    public static RtspRefusal badRequest(String reason) {
        return new RtspRefusal(400, "Bad Request", reason);
    }

    /** The row for a failed {@code SessionManager.openStream}. */
    public static RtspRefusal of(Throwable cause) {
        if (cause instanceof StreamOpenException e) {
            return switch (e.error()) {
                case NOT_FOUND_OR_DENIED -> new RtspRefusal(403, "Forbidden", "resource unknown or not allowed");
                case TARGET_REFUSED -> unavailable("the target refused the connection at the publishing peer");
                case TARGET_UNREACHABLE -> unavailable("the target is unreachable from the publishing peer");
                case TIMEOUT -> new RtspRefusal(504, "Gateway Time-out", "the publishing peer did not answer in time");
                case BUSY -> unavailable("the publishing peer is busy");
                default -> unavailable("the stream could not be opened (" + e.error() + ")");
            };
        }
        if (cause instanceof SessionException e) {
            return switch (e.failure()) {
                case PEER_UNREACHABLE -> notFound("unknown peer or peer offline (" + e.getMessage() + ")");
                case NO_PATH, SERVER_UNREACHABLE -> notFound("peer unreachable (" + e.getMessage() + ")");
                case PEER_ID_MISMATCH -> notFound("the peer's identity does not match its pin (" + e.getMessage() + ")");
                case CLOSED -> unavailable("the session to the peer closed (" + e.getMessage() + ")");
            };
        }
        return unavailable(String.valueOf(cause.getMessage()));
    }

    private static RtspRefusal notFound(String reason) {
        return new RtspRefusal(404, "Not Found", reason);
    }

    private static RtspRefusal unavailable(String reason) {
        return new RtspRefusal(503, "Service Unavailable", reason);
    }

    public LocalReply replyTo(RtspMessage request) {
        return LocalReply.to(request, status, phrase, reason);
    }
}
