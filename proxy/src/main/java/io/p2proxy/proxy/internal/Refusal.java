package io.p2proxy.proxy.internal;

import io.p2proxy.session.SessionException;
import io.p2proxy.transport.StreamOpenException;

/**
 * The rows of SPEC.md's "What a client sees when something is wrong", with each protocol's answer.
 * SOCKS5 reply codes are RFC 1928 section 6.
 */
public enum Refusal {
    /** Unknown peer, or peer offline (also: no path to it). */
    PEER_UNREACHABLE(0x04, 502, "Bad Gateway"),
    /** Resource unknown or not allowed: the two look the same to the asker. */
    NOT_ALLOWED(0x02, 403, "Forbidden"),
    /** The target refused or is unreachable at the publishing peer. */
    TARGET_REFUSED(0x05, 502, "Bad Gateway"),
    /** The request is not for {@code *.p2p}, or names a raw IP address. */
    NOT_P2P(0x02, 403, "Forbidden"),
    /** The publishing peer did not answer in time. */
    TIMEOUT(0x04, 504, "Gateway Timeout"),
    /** Anything else (shutting down, the connection to the peer lost, a peer id mismatch). */
    FAILED(0x01, 502, "Bad Gateway");

    private final int socks;
    private final int httpStatus;
    private final String httpPhrase;

    Refusal(int socks, int httpStatus, String httpPhrase) {
        this.socks = socks;
        this.httpStatus = httpStatus;
        this.httpPhrase = httpPhrase;
    }

    public int socks() {
        return socks;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String httpPhrase() {
        return httpPhrase;
    }

    /** The row for a failed {@code SessionManager.openStream}. */
    public static Refusal of(Throwable cause) {
        if (cause instanceof StreamOpenException e) {
            return switch (e.error()) {
                case NOT_FOUND_OR_DENIED -> NOT_ALLOWED;
                case TARGET_REFUSED, TARGET_UNREACHABLE -> TARGET_REFUSED;
                case TIMEOUT -> TIMEOUT;
                default -> FAILED;
            };
        }
        if (cause instanceof SessionException e) {
            return switch (e.failure()) {
                case PEER_UNREACHABLE, NO_PATH, SERVER_UNREACHABLE -> PEER_UNREACHABLE;
                default -> FAILED;
            };
        }
        return FAILED;
    }

    /** A short reason for a log line and an answer's body. */
    public static String reason(Throwable cause) {
        if (cause instanceof StreamOpenException e) {
            return switch (e.error()) {
                case NOT_FOUND_OR_DENIED -> "resource unknown or not allowed";
                case TARGET_REFUSED -> "the target refused the connection at the publishing peer";
                case TARGET_UNREACHABLE -> "the target is unreachable from the publishing peer";
                case TIMEOUT -> "the publishing peer did not answer in time";
                default -> e.getMessage();
            };
        }
        if (cause instanceof SessionException e && e.failure() == SessionException.Failure.PEER_UNREACHABLE) {
            return "unknown peer or peer offline (" + e.getMessage() + ")";
        }
        if (cause instanceof SessionException e && e.failure() != SessionException.Failure.CLOSED) {
            return "peer unreachable (" + e.getMessage() + ")";
        }
        return String.valueOf(cause.getMessage());
    }
}
