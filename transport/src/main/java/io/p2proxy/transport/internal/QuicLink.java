package io.p2proxy.transport.internal;

import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.AttributeKey;
import io.p2proxy.transport.OpenError;

/**
 * One QUIC connection of a peer pair. A pair may run several on its one UDP socket (see
 * {@link PeerCore#pick()}). Fields belong to the pair's event loop.
 */
public final class QuicLink {

    static final AttributeKey<QuicLink> KEY = AttributeKey.valueOf(QuicLink.class, "link");

    private final PeerCore core;
    private final int number;
    QuicChannel channel;
    boolean up;
    int streams;
    int pendingOpens;
    QuicConnectionCloseEvent closeEvent;
    Throwable failure;

    QuicLink(PeerCore core, int number) {
        this.core = core;
        this.number = number;
    }

    PeerCore core() {
        return core;
    }

    int number() {
        return number;
    }

    void streamAdded(QuicStreamChannel stream) {
        streams++;
        stream.closeFuture().addListener(f -> {
            streams--;
            core.streamClosed(this);
        });
    }

    /** True when the peer closed this connection only because it is no longer needed. */
    boolean surplusClose() {
        return closeEvent != null && closeEvent.isApplicationClose() && closeEvent.error() == AppCodes.CONN_SURPLUS;
    }

    /** True when the acceptor refused this connection because the pair has as many as it allows. */
    boolean limitClose() {
        return closeEvent != null && closeEvent.isApplicationClose() && closeEvent.error() == AppCodes.CONN_LIMIT;
    }

    /** What an open in flight on this connection failed of, once it is gone. */
    OpenError lossError() {
        if (core.trust().mismatch() != null || (closeEvent != null && closeEvent.isTlsError())) {
            return OpenError.AUTHENTICATION_FAILED;
        }
        return OpenError.CONNECTION_LOST;
    }

    Throwable lossCause() {
        if (core.trust().mismatch() != null) {
            return core.trust().mismatch();
        }
        if (closeEvent != null && closeEvent.isTlsError()) {
            // The peer's trust manager decided; all we know is that it expects another id than ours.
            return new javax.net.ssl.SSLHandshakeException("peer " + core.remote() + " refused our id " + core.local()
                    + " (TLS alert " + QuicConnectionCloseEvent.extractTlsError(closeEvent.error())
                    + "): it pins another id for us");
        }
        if (closeEvent != null) {
            return new java.io.IOException("closed by the peer: " + closeEvent);
        }
        if (channel != null && channel.isTimedOut()) {
            return new java.io.IOException("idle timeout: no packets from the peer");
        }
        return failure;
    }

    @Override
    public String toString() {
        return "link#" + number + "(" + streams + " streams)";
    }
}
