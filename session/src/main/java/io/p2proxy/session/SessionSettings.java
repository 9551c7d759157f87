package io.p2proxy.session;

import io.p2proxy.session.internal.IcePath;
import io.p2proxy.transport.TransportConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * @param linger       how long an idle session stays after its last stream (SPEC.md {@code linger})
 * @param setupTimeout how long a new session may take from offer to an authenticated QUIC connection
 * @param transport    QUIC tuning
 * @param ice          how sessions get their ICE
 * @param bind         the address session sockets bind (host candidates come from it), or null for
 *                     every interface
 */
public record SessionSettings(Duration linger, Duration setupTimeout, TransportConfig transport, IcePath.Factory ice,
        java.net.InetAddress bind) {

    public SessionSettings {
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(setupTimeout, "setupTimeout");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(ice, "ice");
    }
}
