package io.p2proxy.config;

import io.p2proxy.common.HostPort;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated rendezvous server configuration (SPEC.md, "server.toml").
 *
 * @param source        the file it came from, or null when built from flags only
 * @param listen        TCP address for signaling (WebSocket at /v1/signal) and relay
 * @param stun          UDP addresses that answer STUN Binding requests (one or two)
 * @param publicAddress the address advertised for STUN/relay, or null to advertise what peers see
 * @param token         the network secret peers must present
 * @param admin         admin HTTP address, or null when "off"
 * @param relay         whether peer traffic may be relayed over signaling connections
 * @param tls           certificate and key for wss://, or null for plain ws://
 */
public record ServerConfig(Path source, HostPort listen, List<HostPort> stun, String publicAddress, String token,
        HostPort admin, boolean relay, Tls tls) {

    public static final HostPort DEFAULT_LISTEN = HostPort.parse("0.0.0.0:8443");
    public static final HostPort DEFAULT_STUN = HostPort.parse("0.0.0.0:3478");
    public static final HostPort DEFAULT_ADMIN = HostPort.parse("127.0.0.1:7071");

    public ServerConfig {
        stun = List.copyOf(stun);
    }

    /** PEM certificate chain and PKCS#8 key for TLS. */
    public record Tls(Path cert, Path key) {
    }
}
