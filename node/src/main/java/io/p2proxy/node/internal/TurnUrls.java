package io.p2proxy.node.internal;

import io.p2proxy.config.PeerConfig;
import io.p2proxy.turn.TurnConfig;
import io.p2proxy.turn.TurnTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code [[turn]]} entries (RFC 7065 URLs, checked by the config loader) as TURN client settings. */
final class TurnUrls {

    private static final Logger log = LoggerFactory.getLogger(TurnUrls.class);
    private static final int DEFAULT_PORT = 3478;

    private TurnUrls() {
    }

    /**
     * Those this peer can use: turn: over UDP (the default, RFC 7065 §3) or TCP, resolvable now.
     * Each skipped one (turns:, an unresolvable host) gets one log line.
     */
    static List<TurnConfig> resolve(String peer, List<PeerConfig.Turn> entries) {
        List<TurnConfig> out = new ArrayList<>();
        for (PeerConfig.Turn t : entries) {
            URI uri = URI.create(t.url());
            String rest = uri.getSchemeSpecificPart();
            String query = null;
            int q = rest.indexOf('?');
            if (q >= 0) {
                query = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
            TurnTransport transport = "transport=tcp".equals(query) ? TurnTransport.TCP : TurnTransport.UDP;
            if (!"turn".equals(uri.getScheme()) || (query != null && !query.equals("transport=udp")
                    && !query.equals("transport=tcp"))) {
                log.warn("peer {}: TURN server {} skipped: only turn: over UDP or TCP is supported so far", peer, t.url());
                continue;
            }
            int colon = rest.lastIndexOf(':');
            boolean bracketed = rest.startsWith("[");
            String host = colon > rest.lastIndexOf(']') ? rest.substring(0, colon) : rest;
            int port = colon > rest.lastIndexOf(']') ? Integer.parseInt(rest.substring(colon + 1)) : DEFAULT_PORT;
            if (bracketed) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                out.add(TurnConfig.of(new InetSocketAddress(InetAddress.getByName(host), port), t.username(), t.password())
                        .withTransport(transport));
            } catch (UnknownHostException e) {
                log.warn("peer {}: TURN server {} skipped: cannot resolve {}", peer, t.url(), host);
            }
        }
        return out;
    }
}
