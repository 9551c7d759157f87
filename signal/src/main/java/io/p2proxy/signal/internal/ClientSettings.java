package io.p2proxy.signal.internal;

import io.netty.handler.ssl.SslContext;
import io.p2proxy.common.Identity;
import io.p2proxy.signal.Backoff;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Everything a {@link ClientLoop} needs, checked by the public builder. {@code ssl} and {@code localAddress} may be null. */
public record ClientSettings(URI server, String name, Identity identity, String token, SslContext ssl,
        Duration keepalive, Duration loginTimeout, Backoff backoff, DoubleSupplier random, InetAddress localAddress) {

    public static final String PATH = "/v1/signal";

    /** Checks the scheme and host, and fills in the default path: users write {@code ws://host:port}. */
    public static URI endpoint(URI server) {
        String scheme = server.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("server: '" + server + "' (expected: ws://HOST:PORT or wss://HOST:PORT)");
        }
        if (server.getHost() == null) {
            throw new IllegalArgumentException("server: '" + server + "' has no host (expected: ws://HOST:PORT)");
        }
        String path = server.getRawPath();
        return path == null || path.isEmpty() || "/".equals(path) ? server.resolve(PATH) : server;
    }

    public String host() {
        return server.getHost().startsWith("[") ? server.getHost().substring(1, server.getHost().length() - 1)
                : server.getHost();
    }

    public int port() {
        return server.getPort() >= 0 ? server.getPort() : "wss".equals(server.getScheme()) ? 443 : 80;
    }
}
