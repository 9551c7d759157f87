package io.p2proxy.transport;

import io.p2proxy.common.PeerId;
import java.util.Objects;

/** A stream could not be opened; {@link #error()} says why, in the words SPEC.md's error table needs. */
public final class StreamOpenException extends Exception {

    private final OpenError error;
    private final PeerId peer;
    private final String resource;

    public StreamOpenException(OpenError error, PeerId peer, String resource, Throwable cause) {
        super("open " + resource + " at " + peer.shortForm() + ": " + error
                + (cause != null ? " (" + cause.getMessage() + ")" : ""), cause);
        this.error = Objects.requireNonNull(error, "error");
        this.peer = peer;
        this.resource = resource;
    }

    public OpenError error() {
        return error;
    }

    public PeerId peer() {
        return peer;
    }

    public String resource() {
        return resource;
    }
}
