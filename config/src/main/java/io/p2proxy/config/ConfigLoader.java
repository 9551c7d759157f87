package io.p2proxy.config;

import io.p2proxy.config.internal.Env;
import io.p2proxy.config.internal.PeerLoader;
import io.p2proxy.config.internal.ServerLoader;
import io.p2proxy.config.internal.TomlSource;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads server.toml / peer.toml (SPEC.md) and merges the command line's flags over them, checking
 * everything before anything opens a socket.
 *
 * <p>Every failure is a {@link ConfigException} whose message is one line naming the file (as the
 * user wrote its path) or the flag, the key path, the line where known, and what was expected:
 * <pre>
 * peer.toml:7: linger: '30 sec' (expected: a duration like 500ms, 30s, 5m, 1h or 1m30s)
 * peer.toml:14: publish[2].name: 'camera' (expected: a name no other published resource has; peer.toml:10: publish[1].name has it)
 * --forward: '8554=garage/camera' (expected: HOST:PORT, IPv6 as [ADDR]:PORT)
 * </pre>
 * Elements of arrays of tables count from 1: {@code publish[2]} is the file's second
 * {@code [[publish]]}. Unknown keys are errors at every depth, with the closest known key
 * suggested when one is near.
 *
 * <p>Rules beyond the plain keys:
 * <ul>
 *   <li>Scalar flags override the file; {@code --publish} and {@code --forward} add to its lists;
 *       {@code --stun} replaces its {@code stun}; {@code --allow} applies to every
 *       {@code --publish} and is required with it.</li>
 *   <li>Every {@code [[publish]]} needs {@code allow}: peer names, peer ids, or {@code "*"}. A
 *       missing or empty {@code allow} is an error rather than "nobody".</li>
 *   <li>A server URL without a port gets 8443, the server's default {@code listen}, for ws:// and
 *       wss:// alike.</li>
 *   <li>Relative paths in a file resolve against the file's directory, in flags against the
 *       working directory. The peer key defaults to {@code $XDG_CONFIG_HOME/p2proxy/NAME.key}
 *       ({@code ~/.config/p2proxy/NAME.key} when unset).</li>
 *   <li>Two listeners (forward, socks, http, rtsp, admin; or server listen and admin) on the same
 *       address, or one on a wildcard address and one on the same port, are an error.</li>
 *   <li>Server TLS files must exist and be readable.</li>
 * </ul>
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** @param fileOrNull server.toml, or null to use flags and defaults only */
    public static ServerConfig server(Path fileOrNull, ServerFlags flags) throws ConfigException {
        Objects.requireNonNull(flags, "flags");
        TomlSource source = fileOrNull == null ? null : TomlSource.read(fileOrNull);
        return ServerLoader.load(source, fileOrNull, flags, Env.system());
    }

    /** @param fileOrNull peer.toml, or null to use flags and defaults only */
    public static PeerConfig peer(Path fileOrNull, PeerFlags flags) throws ConfigException {
        Objects.requireNonNull(flags, "flags");
        TomlSource source = fileOrNull == null ? null : TomlSource.read(fileOrNull);
        return PeerLoader.load(source, fileOrNull, flags, Env.system());
    }
}
