package io.p2proxy.transport;

import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.p2proxy.transport.internal.PeerCore;

/** Test-only views into a connection's internals, read on its event loop. */
final class Internals {

    private Internals() {
    }

    static PeerCore core(QuicPeerConnection c) {
        try {
            var field = QuicPeerConnection.class.getDeclaredField("core");
            field.setAccessible(true);
            return (PeerCore) field.get(c);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bidirectional streams the peer still lets us open on the first QUIC connection. */
    static long credit(QuicPeerConnection c) throws Exception {
        return c.eventLoop().submit(() -> {
            QuicChannel primary = core(c).pool().primary();
            return primary == null ? -1 : primary.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL);
        }).get();
    }
}
