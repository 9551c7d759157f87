package io.p2proxy.transport;

/**
 * A snapshot of one peer pair's transport, for status JSON and metrics.
 *
 * @param rttMillis smoothed RTT of the first QUIC connection, or -1 before there is one
 * @param bytesSent application bytes sent to the peer (TCP payload, not QUIC overhead)
 * @param bytesReceived application bytes received from the peer
 * @param openStreams proxied TCP connections now spliced or opening
 * @param quicConnections QUIC connections now up on the socket
 * @param lostPackets packets QUIC declared lost, over the live connections
 */
public record ConnectionStats(double rttMillis, long bytesSent, long bytesReceived, int openStreams,
                              int quicConnections, long lostPackets) {
}
