package io.p2proxy.turn;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One TURN server and the long-term credentials for it (RFC 8656 §7.2, RFC 8489 §9.2), with the
 * timers that keep an allocation alive. Defaults follow the RFC: permissions last 300 s and are
 * refreshed every 240 s (§9), channel bindings last 600 s and are refreshed every 480 s (§12),
 * the allocation asks for 600 s and is refreshed a minute before it expires (§8).
 *
 * @param server            the server's resolved address; over UDP, datagrams from exactly this address are TURN's
 * @param username          USERNAME
 * @param password          the long-term password (never logged)
 * @param lifetime          the LIFETIME to ask for (the server may grant less or more)
 * @param permissionRefresh how often to renew each permission (expected: < 300 s)
 * @param channelRefresh    how often to renew each channel binding (expected: < 600 s)
 * @param releaseTimeout    how long {@link TurnClient#close()} waits for the answer to LIFETIME 0
 * @param transport         how to reach the server: UDP (the default) or TCP
 */
public record TurnConfig(InetSocketAddress server, String username, String password, Duration lifetime,
        Duration permissionRefresh, Duration channelRefresh, Duration releaseTimeout, TurnTransport transport) {

    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(600);
    public static final Duration PERMISSION_LIFETIME = Duration.ofSeconds(300);
    public static final Duration CHANNEL_LIFETIME = Duration.ofSeconds(600);

    public TurnConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("server: " + server + " (expected: a resolved address)");
        }
        positive(lifetime, "lifetime");
        if (lifetime.getNano() != 0) {
            throw new IllegalArgumentException("lifetime: " + lifetime + " (expected: whole seconds)");
        }
        below(permissionRefresh, PERMISSION_LIFETIME, "permissionRefresh");
        below(channelRefresh, CHANNEL_LIFETIME, "channelRefresh");
        positive(releaseTimeout, "releaseTimeout");
        Objects.requireNonNull(transport, "transport");
    }

    /** The RFC defaults for everything but the server and the credentials. */
    public static TurnConfig of(InetSocketAddress server, String username, String password) {
        return new TurnConfig(server, username, password, DEFAULT_LIFETIME, Duration.ofSeconds(240),
                Duration.ofSeconds(480), Duration.ofSeconds(2), TurnTransport.UDP);
    }

    public TurnConfig withLifetime(Duration value) {
        return new TurnConfig(server, username, password, value, permissionRefresh, channelRefresh, releaseTimeout, transport);
    }

    public TurnConfig withPermissionRefresh(Duration value) {
        return new TurnConfig(server, username, password, lifetime, value, channelRefresh, releaseTimeout, transport);
    }

    public TurnConfig withChannelRefresh(Duration value) {
        return new TurnConfig(server, username, password, lifetime, permissionRefresh, value, releaseTimeout, transport);
    }

    public TurnConfig withPassword(String value) {
        return new TurnConfig(server, username, value, lifetime, permissionRefresh, channelRefresh, releaseTimeout, transport);
    }

    public TurnConfig withTransport(TurnTransport value) {
        return new TurnConfig(server, username, password, lifetime, permissionRefresh, channelRefresh, releaseTimeout, value);
    }

    @Override
    public String toString() {
        return "TurnConfig[server=" + server + ", transport=" + transport + ", username=" + username + ", lifetime=" + lifetime
                + ", permissionRefresh=" + permissionRefresh + ", channelRefresh=" + channelRefresh + "]";
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    private static void below(Duration d, Duration limit, String name) {
        positive(d, name);
        if (d.compareTo(limit) >= 0) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: < " + limit + ")");
        }
    }
}
