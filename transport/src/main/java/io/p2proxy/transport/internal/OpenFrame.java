package io.p2proxy.transport.internal;

import io.p2proxy.common.PeerName;
import io.p2proxy.transport.OpenMetadata;
import java.util.Objects;

/** The first bytes an opener writes on a new stream: which resource, and metadata for logs. */
public record OpenFrame(String resource, OpenMetadata metadata) {

    public OpenFrame {
        PeerName.check(resource);
        Objects.requireNonNull(metadata, "metadata");
    }
}
