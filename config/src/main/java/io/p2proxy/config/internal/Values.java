package io.p2proxy.config.internal;

import io.p2proxy.common.Durations;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.PeerId;
import io.p2proxy.common.PeerName;
import io.p2proxy.common.ResourceAddress;
import io.p2proxy.config.ConfigException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Checks of single values; each failure names the value's origin and what was expected. */
public final class Values {

    public static final String ADDRESS = "HOST:PORT, IPv6 as [ADDR]:PORT";
    public static final String ADMIN = "HOST:PORT, or off";
    public static final String NAME = PeerName.EXPECTED;
    public static final String TOKEN = "a non-empty string";
    public static final String SERVER_URL = "ws://HOST[:PORT] or wss://HOST[:PORT]";
    public static final String TURN_URL = io.p2proxy.config.TurnUrl.EXPECTED;
    public static final String ALLOW = "a peer name, a peer id or '*'";
    public static final String HOST = "a host name or an IP address, without a port";
    public static final String PATH = "a file path";
    public static final String DURATION = Durations.EXPECTED;
    public static final String STUN_SERVER = "HOST[:PORT] of a STUN server, port 3478 when absent";

    /**
     * Port of a server URL that names none. The server's default {@code listen} is 8443 and it
     * serves ws:// and wss:// on that one port, so 80/443 (the URL schemes' own defaults) would
     * point at nothing.
     */
    public static final int DEFAULT_SERVER_PORT = 8443;
    /** RFC 8489 §18.4: STUN over UDP (and TCP). */
    static final int STUN_PORT = io.p2proxy.config.TurnUrl.DEFAULT_PORT;

    private Values() {
    }

    public static HostPort address(Text t) throws ConfigException {
        try {
            return HostPort.parse(t.value());
        } catch (IllegalArgumentException e) {
            throw t.bad(ADDRESS);
        }
    }

    /** An admin address, or null for "off". */
    public static HostPort admin(Text t) throws ConfigException {
        if (t.value().equals("off")) {
            return null;
        }
        try {
            return HostPort.parse(t.value());
        } catch (IllegalArgumentException e) {
            throw t.bad(ADMIN);
        }
    }

    /** A STUN server; the port defaults to 3478. */
    public static HostPort stunServer(Text t) throws ConfigException {
        try {
            return HostPort.parse(t.value());
        } catch (IllegalArgumentException e) {
            host(t);
            return new HostPort(t.value(), STUN_PORT);
        }
    }

    public static Duration duration(Text t) throws ConfigException {
        try {
            return Durations.parse(t.value());
        } catch (IllegalArgumentException e) {
            throw t.bad(Durations.EXPECTED);
        }
    }

    public static String name(Text t) throws ConfigException {
        if (!PeerName.isValid(t.value())) {
            throw t.bad(NAME);
        }
        return t.value();
    }

    public static String token(Text t) throws ConfigException {
        if (t.value().isEmpty()) {
            throw t.bad(TOKEN);
        }
        return t.value();
    }

    public static String allow(Text t) throws ConfigException {
        String v = t.value();
        if (!v.equals("*") && !PeerName.isValid(v) && !PeerId.isValid(v)) {
            throw t.bad(ALLOW);
        }
        return v;
    }

    public static ResourceAddress resource(Text t) throws ConfigException {
        try {
            return ResourceAddress.parse(t.value());
        } catch (IllegalArgumentException e) {
            throw t.bad(ResourceAddress.EXPECTED);
        }
    }

    /** A host name or IP literal without a port ({@code public_address}). */
    public static String host(Text t) throws ConfigException {
        String v = t.value();
        try {
            if (v.indexOf(':') < 0) {
                HostPort.parse(v + ":1");
                return v;
            }
            // Only hex digits, ':' and '.' reach the JDK, which parses such text as an IPv6 literal, no DNS.
            if (v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                    && InetAddress.getByName(v) instanceof Inet6Address) {
                return v;
            }
        } catch (IllegalArgumentException | UnknownHostException e) {
            // fall through
        }
        throw t.bad(HOST);
    }

    /** ws:// or wss:// with a host; a missing port becomes {@link #DEFAULT_SERVER_PORT}. */
    public static URI serverUrl(Text t) throws ConfigException {
        URI uri;
        try {
            uri = new URI(t.value());
        } catch (URISyntaxException e) {
            throw t.bad(SERVER_URL);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null || uri.getPort() == 0
                || uri.getPort() > 65535) {
            throw t.bad(SERVER_URL);
        }
        try {
            return new URI(scheme, uri.getUserInfo(), uri.getHost(),
                    uri.getPort() < 0 ? DEFAULT_SERVER_PORT : uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
        } catch (URISyntaxException e) {
            throw t.bad(SERVER_URL);
        }
    }

    /** RFC 7065 turn:/turns: URL, with a port no larger than 65535. */
    public static String turnUrl(Text t) throws ConfigException {
        try {
            io.p2proxy.config.TurnUrl.parse(t.value());
        } catch (IllegalArgumentException e) {
            throw t.bad(e.getMessage());
        }
        return t.value();
    }

    /** A path, relative to {@code base} unless absolute. */
    public static Path path(Text t, Path base) throws ConfigException {
        if (t.value().isEmpty()) {
            throw t.bad(PATH);
        }
        try {
            return base.resolve(t.value()).normalize();
        } catch (InvalidPathException e) {
            throw t.bad(PATH);
        }
    }
}
