package io.p2proxy.session;

import com.fasterxml.jackson.databind.JsonNode;

/** The way to another peer through the rendezvous server (the node passes its signaling client). */
@FunctionalInterface
public interface Signaling {

    /** @return false when the server is not reachable now (nothing was sent) */
    boolean send(String peer, JsonNode payload);
}
