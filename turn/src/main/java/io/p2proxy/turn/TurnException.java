package io.p2proxy.turn;

import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunMethod;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TURN operation failed. Carries what a log line needs: the server, the method, the error code
 * and reason phrase the server sent (0 and empty when it sent none). Callers branch on
 * {@link #reason()}, never on the message text.
 */
public final class TurnException extends Exception {

    /** What failed. */
    public enum Reason {
        /** 401 although USERNAME, REALM, NONCE and MESSAGE-INTEGRITY were sent: wrong user or password (RFC 8489 §9.2.5). */
        UNAUTHORIZED,
        /** 438 again right after retrying with the fresh NONCE (RFC 8489 §9.2.5). */
        STALE_NONCE,
        /** Any other error response, e.g. 437 Allocation Mismatch, 486 Allocation Quota Reached (RFC 8656 §19). */
        ERROR_RESPONSE,
        /** No response after the last retransmission. */
        TIMEOUT,
        /** A success response without an attribute it must carry (e.g. XOR-RELAYED-ADDRESS). */
        MALFORMED,
        /** No allocation (not yet allocated, released or lost), or all 4096 channel numbers in use. */
        NOT_ALLOCATED,
        /** The client was closed or its channel closed before the answer. */
        CLOSED,
    }

    private final Reason reason;
    private final InetSocketAddress server;
    private final int method;
    private final int code;
    private final String reasonPhrase;

    public TurnException(Reason reason, InetSocketAddress server, int method, int code, String reasonPhrase,
            Throwable cause) {
        super(describe(reason, server, method, code, reasonPhrase, cause), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.server = Objects.requireNonNull(server, "server");
        this.method = method;
        this.code = code;
        this.reasonPhrase = reasonPhrase == null ? "" : reasonPhrase;
    }

    /** Maps a failed STUN transaction (timeout, channel closed, ...) to a TURN error. */
    public static TurnException of(InetSocketAddress server, int method, Throwable error) {
        if (error instanceof TurnException t) {
            return t;
        }
        Reason reason = Reason.CLOSED;
        if (error instanceof StunException s) {
            reason = switch (s.reason()) {
                case TIMEOUT -> Reason.TIMEOUT;
                case CLOSED -> Reason.CLOSED;
                default -> Reason.MALFORMED;
            };
        }
        return new TurnException(reason, server, method, 0, "", error);
    }

    public Reason reason() {
        return reason;
    }

    public InetSocketAddress server() {
        return server;
    }

    /** The STUN method of the failed request ({@link StunMethod}). */
    public int method() {
        return method;
    }

    /** The server's ERROR-CODE, 0 when there was no error response. */
    public int code() {
        return code;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    private static String describe(Reason reason, InetSocketAddress server, int method, int code, String phrase,
            Throwable cause) {
        StringBuilder s = new StringBuilder().append(reason).append(": ").append(StunMethod.name(method))
                .append(" to ").append(server);
        if (code != 0) {
            s.append(" answered ").append(code).append(' ').append(phrase == null ? "" : phrase);
        } else if (cause != null) {
            s.append(" failed: ").append(cause.getMessage());
        } else if (phrase != null && !phrase.isEmpty()) {
            s.append(": ").append(phrase);
        }
        return s.toString();
    }
}
