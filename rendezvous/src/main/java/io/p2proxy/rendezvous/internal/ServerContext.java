package io.p2proxy.rendezvous.internal;

import io.netty.handler.ssl.SslContext;
import io.p2proxy.common.HostPort;
import io.p2proxy.rendezvous.ServerLimits;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What every connection's handlers share: settings, the registry, the relay table, meters. Immutable
 * apart from the registry, the relay table and meters, which are thread-safe.
 *
 * @param ssl       null for plain ws://
 * @param stun      the STUN addresses as bound (a wildcard host is filled in per connection)
 * @param publicHost advertised host for STUN, or null to use the address the peer dialed
 * @param relays    the introduced pairs, which may relay
 * @param nanoTime  the clock of the rate limiters
 */
public record ServerContext(String token, boolean relay, ServerLimits limits, SslContext ssl,
        List<InetSocketAddress> stun, String publicHost, PeerRegistry registry, RelayTable relays, ServerMetrics metrics,
        SecureRandom random, LongSupplier nanoTime) {

    /** The STUN addresses to tell a peer that reached us at {@code dialed}. */
    List<HostPort> stunFor(InetSocketAddress dialed) {
        List<HostPort> out = new ArrayList<>(stun.size());
        for (InetSocketAddress s : stun) {
            String host = publicHost != null ? publicHost
                    : s.getAddress() == null || s.getAddress().isAnyLocalAddress() ? HostPort.of(dialed).host()
                    : HostPort.of(s).host();
            out.add(new HostPort(host, s.getPort()));
        }
        return out;
    }
}
