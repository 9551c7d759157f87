package io.p2proxy.node;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A peer's {@code GET /status} document, field for field as SPEC.md shows it. */
public record PeerStatus(String name, String id, Server server, List<Session> sessions, List<Listener> listeners,
        List<Published> published) {

    public PeerStatus {
        sessions = List.copyOf(sessions);
        listeners = List.copyOf(listeners);
        published = List.copyOf(published);
    }

    /** The rendezvous server connection: state is connecting, connected or disconnected. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Server(String url, String state, String reason) {
    }

    /**
     * One peer session; state is connecting, connected, lingering or closing; path is direct, turn or
     * relay, and {@code path_reason} says why (e.g. "relay: no direct pair succeeded within 1.5 s").
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Session(String peer, String id, String state, String path, String remote,
            @JsonProperty("rtt_ms") double rttMs, int streams, @JsonProperty("bytes_sent") long bytesSent,
            @JsonProperty("bytes_received") long bytesReceived, @JsonProperty("path_reason") String pathReason) {
    }

    /** A local listener that accepts clients: kind is forward, socks, http or rtsp. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listener(String kind, String listen, String to) {
    }

    /** A resource this peer publishes. */
    public record Published(String name, String target) {
    }
}
