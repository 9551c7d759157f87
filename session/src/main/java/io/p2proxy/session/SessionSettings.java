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
 * @param relayAfter   with no direct pair this long after ICE started, traffic goes through the server
 *                     relay (where the server offers one) while ICE keeps trying
 * @param relayRetry   while relayed after ICE gave up, how often direct is tried again (DESIGN.md: 60 s)
 */
public record SessionSettings(Duration linger, Duration setupTimeout, TransportConfig transport, IcePath.Factory ice,
        java.net.InetAddress bind, Duration relayAfter, Duration relayRetry) {

    /** Relay after 1.5 s without a direct pair, retry direct every 60 s. */
    public static final Duration RELAY_AFTER = Duration.ofMillis(1500);
    public static final Duration RELAY_RETRY = Duration.ofSeconds(60);

    public SessionSettings {
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(setupTimeout, "setupTimeout");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(ice, "ice");
        Objects.requireNonNull(relayAfter, "relayAfter");
        Objects.requireNonNull(relayRetry, "relayRetry");
    }

    /** With the default relay timings. */
    public SessionSettings(Duration linger, Duration setupTimeout, TransportConfig transport, IcePath.Factory ice,
            java.net.InetAddress bind) {
        this(linger, setupTimeout, transport, ice, bind, RELAY_AFTER, RELAY_RETRY);
    }

    public SessionSettings withRelayTimings(Duration after, Duration retry) {
        return new SessionSettings(linger, setupTimeout, transport, ice, bind, after, retry);
    }
}
