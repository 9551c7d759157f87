package io.p2proxy.signal;

import java.net.URI;
import java.util.Objects;

/** A permanent login failure: the server refused us in a way a retry cannot fix. */
public final class SignalException extends Exception {

    private final URI server;
    private final ErrorCode code;
    private final String reason;

    public SignalException(URI server, ErrorCode code, String reason) {
        super("signaling server " + server + " refused login: " + code.wire() + ": " + reason);
        this.server = Objects.requireNonNull(server, "server");
        this.code = Objects.requireNonNull(code, "code");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public URI server() {
        return server;
    }

    public ErrorCode code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
