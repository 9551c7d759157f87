package io.p2proxy.node.internal;

import io.p2proxy.config.PeerConfig;
import io.p2proxy.config.TurnUrl;
import io.p2proxy.turn.TurnConfig;
import io.p2proxy.turn.TurnTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code [[turn]]} entries (RFC 7065 URLs, checked by the config loader) as TURN client settings. */
final class TurnUrls {

    private static final Logger log = LoggerFactory.getLogger(TurnUrls.class);

    private TurnUrls() {
    }

    /**
     * Those this peer can use: turn: over UDP (the default, RFC 7065 §3) or TCP, resolvable now.
     * Each skipped one (turns:, an unresolvable host) gets one log line.
     */
    static List<TurnConfig> resolve(String peer, List<PeerConfig.Turn> entries) {
        List<TurnConfig> out = new ArrayList<>();
        for (PeerConfig.Turn t : entries) {
            TurnUrl url = TurnUrl.parse(t.url()); // the config loader checked it with the same parser
            if (url.secure()) {
                log.warn("peer {}: TURN server {} skipped: only turn: over UDP or TCP is supported so far", peer, t.url());
                continue;
            }
            try {
                out.add(TurnConfig.of(new InetSocketAddress(InetAddress.getByName(url.host()), url.port()), t.username(),
                        t.password()).withTransport(url.tcp() ? TurnTransport.TCP : TurnTransport.UDP));
            } catch (UnknownHostException e) {
                log.warn("peer {}: TURN server {} skipped: cannot resolve {}", peer, t.url(), url.host());
            }
        }
        return out;
    }
}
