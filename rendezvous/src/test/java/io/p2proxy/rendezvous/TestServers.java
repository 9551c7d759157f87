package io.p2proxy.rendezvous;

import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Identity;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.signal.SignalClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Loopback servers and clients for tests. */
final class TestServers {

    static final String TOKEN = "network-secret";

    private TestServers() {
    }

    static ServerConfig config(int port) {
        return config(port, null);
    }

    static ServerConfig config(int port, ServerConfig.Tls tls) {
        return new ServerConfig(null, new HostPort("127.0.0.1", port), List.of(), null, TOKEN, null, true, tls);
    }

    /** Any free port, admin on a free loopback port, relay on or off. */
    static ServerConfig withAdmin(boolean relay) {
        return new ServerConfig(null, new HostPort("127.0.0.1", 0), List.of(), null, TOKEN,
                new HostPort("127.0.0.1", 0), relay, null);
    }

    static URI uri(RendezvousServer server) {
        return URI.create("ws://127.0.0.1:" + server.signalAddress().getPort());
    }

    static SignalClient.Builder client(RendezvousServer server, String name, Identity id, RecordingListener l,
            EventLoopGroup group) {
        SignalClient.Builder b = SignalClient.builder(uri(server), name, id, TOKEN).listener(l)
                .keepalive(Duration.ofSeconds(5)).loginTimeout(Duration.ofSeconds(5));
        return group != null ? b.group(group) : b;
    }
}
