package io.p2proxy.transport.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

/**
 * Application error codes in RESET_STREAM / STOP_SENDING (RFC 9000 sections 19.4, 19.5) and
 * CONNECTION_CLOSE (section 19.19), and the TCP reset they map to.
 */
public final class AppCodes {

    /** Stream: the TCP side was reset, or a spliced socket failed. */
    public static final int STREAM_TCP_RESET = 0x101;
    /** Stream: the opener gave up (its TCP client left, or it timed out). */
    public static final int STREAM_CANCELLED = 0x102;
    /** Stream: the peer broke the stream protocol. */
    public static final int STREAM_PROTOCOL = 0x103;
    /** Stream: refused before OPEN was read, too many opens in progress. */
    public static final int STREAM_BUSY = 0x104;

    /** Connection: this QUIC connection carries no streams any more; the peer pair lives on. */
    public static final int CONN_SURPLUS = 0x201;
    /** Connection: the peer pair is closing; every connection of it goes. */
    public static final int CONN_PEER_CLOSING = 0x202;
    /** Connection: the acceptor already carries {@code maxConnections} connections of this peer pair. */
    public static final int CONN_LIMIT = 0x203;

    private AppCodes() {
    }

    /**
     * Closes a TCP channel with RST (SO_LINGER 0, RFC 9293 section 3.10.7.1 "abort"): the client
     * must see "connection reset", never a clean end of a cut-short stream.
     */
    public static void resetTcp(Channel tcp) {
        if (tcp.isOpen()) {
            try {
                tcp.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException ignored) {
                // the socket may already be gone; close() below is all that is left to do
            }
            tcp.close();
        }
    }
}
