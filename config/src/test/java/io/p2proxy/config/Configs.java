package io.p2proxy.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2proxy.config.internal.Env;
import io.p2proxy.config.internal.PeerLoader;
import io.p2proxy.config.internal.ServerLoader;
import io.p2proxy.config.internal.TomlSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Loads config text as "peer.toml"/"server.toml" in /etc/p2proxy, with a fixed environment. */
final class Configs {

    static final Path DIR = Path.of("/etc/p2proxy");
    static final Env ENV = new Env(Path.of("/home/u/work"), Path.of("/home/u/.config"));

    private Configs() {
    }

    static PeerConfig peer(String toml) throws ConfigException {
        return peer(toml, PeerFlags.none());
    }

    static PeerConfig peer(String toml, PeerFlags flags) throws ConfigException {
        TomlSource source = toml == null ? null
                : TomlSource.parse("peer.toml", DIR, toml.getBytes(StandardCharsets.UTF_8));
        return PeerLoader.load(source, toml == null ? null : DIR.resolve("peer.toml"), flags, ENV);
    }

    static ServerConfig server(String toml, ServerFlags flags) throws ConfigException {
        TomlSource source = toml == null ? null
                : TomlSource.parse("server.toml", DIR, toml.getBytes(StandardCharsets.UTF_8));
        return ServerLoader.load(source, toml == null ? null : DIR.resolve("server.toml"), flags, ENV);
    }

    static void assertPeerError(String toml, String message) {
        assertPeerError(toml, PeerFlags.none(), message);
    }

    static void assertPeerError(String toml, PeerFlags flags, String message) {
        assertThatThrownBy(() -> peer(toml, flags)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    static void assertServerError(String toml, ServerFlags flags, String message) {
        assertThatThrownBy(() -> server(toml, flags)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    /** The three keys every peer.toml needs, then {@code rest}. */
    static String minimalPeer(String rest) {
        return "name = \"laptop\"\nserver = \"ws://198.18.0.1:8443\"\ntoken = \"secret\"\n" + rest;
    }

    static PeerFlags peerFlags() {
        return PeerFlags.none();
    }
}
