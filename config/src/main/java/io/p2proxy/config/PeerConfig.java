package io.p2proxy.config;

import io.p2proxy.common.HostPort;
import io.p2proxy.common.ResourceAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A validated peer configuration (SPEC.md, "peer.toml"). Nullable fields are documented as such;
 * lists are never null.
 *
 * @param source  the file it came from, or null when built from flags only
 * @param name    this peer's name
 * @param server  ws:// or wss:// URL of the rendezvous server
 * @param token   network secret
 * @param key     identity key file (created on first start)
 * @param admin   admin HTTP address, or null when "off"
 * @param linger  how long an idle session stays up after its last stream
 * @param publish resources this peer offers
 * @param forward port forwards (like ssh -L)
 * @param socks   SOCKS5 listener (with optional credentials), or null
 * @param http    HTTP proxy listener, or null
 * @param rtsp    RTSP listener, or null
 * @param turn    TURN servers
 * @param stun    STUN servers that override the ones the rendezvous server announces (empty: use those)
 */
public record PeerConfig(Path source, String name, URI server, String token, Path key, HostPort admin,
        Duration linger, List<Publish> publish, List<Forward> forward, Socks socks, Listener http,
        Listener rtsp, List<Turn> turn, List<HostPort> stun) {

    public static final HostPort DEFAULT_ADMIN = HostPort.parse("127.0.0.1:7070");
    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(30);

    public PeerConfig {
        publish = List.copyOf(publish);
        forward = List.copyOf(forward);
        turn = List.copyOf(turn);
        stun = List.copyOf(stun);
    }

    /** A published resource; {@code allow} holds peer names, peer ids, or "*". */
    public record Publish(String name, HostPort target, List<String> allow) {
        public Publish {
            allow = List.copyOf(allow);
        }
    }

    /** A port forward: connections to {@code listen} reach {@code to}. */
    public record Forward(HostPort listen, ResourceAddress to) {
    }

    /** A protocol-aware listener (HTTP proxy, RTSP). */
    public record Listener(HostPort listen) {
    }

    /**
     * The SOCKS5 listener.
     *
     * @param credentials what a client must present (RFC 1929), or null: no authentication (method 0x00)
     */
    public record Socks(HostPort listen, Credentials credentials) {
    }

    /**
     * A user name and password, each 1 to 255 bytes in UTF-8 (RFC 1929's limits). The password is
     * never shown: not in {@link #toString()}, not in a log line, not in a config error.
     */
    public record Credentials(String username, String password) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=(hidden)]";
        }
    }

    /** A TURN server (RFC 8656), e.g. {@code turn:198.18.0.1:3478?transport=udp}. */
    public record Turn(String url, String username, String password) {
        /** Never the password. */
        @Override
        public String toString() {
            return "Turn[url=" + url + ", username=" + username + "]";
        }
    }
}
