package io.p2proxy.transport.internal;

import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Promise;
import io.p2proxy.common.PeerId;
import io.p2proxy.transport.OpenError;
import io.p2proxy.transport.OpenMetadata;
import io.p2proxy.transport.StreamOpenException;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied TCP connection asking for a stream: queued until a QUIC connection has stream
 * credit, then opening, then answered. Owned by the peer pair's event loop.
 */
public final class OpenRequest {

    private static final Logger log = LoggerFactory.getLogger(OpenRequest.class);

    final PeerId peer;
    final String resource;
    final OpenMetadata metadata;
    final DuplexChannel tcp;
    final Promise<Void> promise;
    ScheduledFuture<?> timeout;
    Splice splice;

    OpenRequest(PeerId peer, String resource, OpenMetadata metadata, DuplexChannel tcp, Promise<Void> promise) {
        this.peer = peer;
        this.resource = resource;
        this.metadata = metadata;
        this.tcp = tcp;
        this.promise = promise;
    }

    String label() {
        return "peer " + peer.shortForm() + " resource " + resource + " client " + metadata.client();
    }

    boolean isDone() {
        return promise.isDone();
    }

    void succeed() {
        cancelTimer();
        promise.trySuccess(null);
    }

    /** Fails the open, logs one line, and resets whatever exists of it (TCP gets RST). */
    void fail(OpenError error, Throwable cause) {
        cancelTimer();
        if (!promise.tryFailure(new StreamOpenException(error, peer, resource, cause))) {
            return;
        }
        log.info("{}: open failed: {}{}", label(), error, cause != null ? " (" + cause.getMessage() + ")" : "");
        if (splice != null) {
            splice.abortFromStream("open failed: " + error);
        } else {
            AppCodes.resetTcp(tcp);
        }
    }

    private void cancelTimer() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
