package io.p2proxy.session;

/**
 * One session as status shows it (SPEC.md): state is connecting, connected, lingering or closing;
 * path is direct, turn or relay (empty while connecting).
 */
public record SessionSnapshot(String peer, String id, String state, String path, String remote, double rttMillis,
        int streams, long bytesSent, long bytesReceived) {
}
