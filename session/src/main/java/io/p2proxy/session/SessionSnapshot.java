package io.p2proxy.session;

/**
 * One session as status shows it (SPEC.md): state is connecting, connected, lingering or closing;
 * path is direct, turn or relay (empty while connecting), and {@code pathReason} says why that one
 * (e.g. "relay: no direct pair succeeded within 1.5 s").
 */
public record SessionSnapshot(String peer, String id, String state, String path, String remote, double rttMillis,
        int streams, long bytesSent, long bytesReceived, String pathReason) {
}
