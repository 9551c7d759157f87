package io.p2proxy.config.internal;

import io.p2proxy.common.HostPort;
import io.p2proxy.config.ConfigException;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.config.ServerFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** server.toml and {@code p2proxy server} flags to a checked {@link ServerConfig}. */
public final class ServerLoader {

    static final List<String> KEYS = List.of("listen", "stun", "public_address", "token", "admin", "relay", "tls");
    static final List<String> TLS_KEYS = List.of("cert", "key");
    private static final String STUN = Values.ADDRESS + ", one or two of them";

    private ServerLoader() {
    }

    /** @param source the parsed file, or null when there is none */
    public static ServerConfig load(TomlSource source, Path file, ServerFlags flags, Env env) throws ConfigException {
        TomlTable root = source == null ? null : source.root();
        if (root != null) {
            root.checkKeys(KEYS);
        }
        Text listenText = Merge.text(root, "listen", Values.ADDRESS, "--listen", flags.listen());
        HostPort listen = listenText == null ? ServerConfig.DEFAULT_LISTEN : Values.address(listenText);
        List<HostPort> stun = stun(root, flags);

        Text publicText = Merge.text(root, "public_address", Values.HOST, "--public-address", flags.publicAddress());
        String publicAddress = publicText == null ? null : Values.host(publicText);

        Text tokenText = Merge.text(root, "token", Values.TOKEN, "--token", flags.token());
        if (tokenText == null) {
            throw Merge.missing(source, "token", "--token", "the network secret peers present, " + Values.TOKEN);
        }
        String token = Values.token(tokenText);

        Text adminText = Merge.text(root, "admin", Values.ADMIN, "--admin", flags.admin());
        HostPort admin = adminText == null ? ServerConfig.DEFAULT_ADMIN : Values.admin(adminText);

        Boolean relay = root == null ? null : root.bool("relay");
        if (flags.relay() != null) {
            relay = switch (flags.relay()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw Origin.flag("--relay").badText(flags.relay(), "true or false");
            };
        }
        ServerConfig.Tls tls = tls(root, flags, env);

        ListenerSet tcp = new ListenerSet();
        // Defaults first, so that a clash blames the address the user wrote.
        tcp.add(admin, adminText == null ? Origin.flag("the default admin") : adminText.origin());
        tcp.add(listen, listenText == null ? Origin.flag("the default listen") : listenText.origin());
        return new ServerConfig(file, listen, stun, publicAddress, token, admin, relay == null || relay, tls);
    }

    private static List<HostPort> stun(TomlTable root, ServerFlags flags) throws ConfigException {
        List<Text> texts = Merge.texts(root, "stun", STUN, "--stun", flags.stun());
        if (texts.isEmpty()) {
            if (root != null && root.has("stun")) {
                throw root.origin("stun").bad("an empty array", STUN);
            }
            return List.of(ServerConfig.DEFAULT_STUN);
        }
        List<HostPort> out = new ArrayList<>();
        for (Text t : texts) {
            if (out.size() == 2) {
                throw t.bad("at most two STUN addresses");
            }
            HostPort address = Values.address(t);
            if (!out.isEmpty() && ListenerSet.clash(out.get(0), address)) {
                throw t.bad("a second STUN address other than the first, " + out.get(0));
            }
            out.add(address);
        }
        return out;
    }

    private static ServerConfig.Tls tls(TomlTable root, ServerFlags flags, Env env) throws ConfigException {
        TomlTable table = root == null ? null : root.table("tls");
        if (table != null) {
            table.checkKeys(TLS_KEYS);
        }
        Text cert = Merge.text(table, "cert", "a PEM certificate chain file", "--tls-cert", flags.tlsCert());
        Text key = Merge.text(table, "key", "a PEM PKCS#8 private key file", "--tls-key", flags.tlsKey());
        if (cert == null && key == null) {
            return null;
        }
        if (cert == null || key == null) {
            Text given = cert == null ? key : cert;
            String other = cert == null ? "cert" : "key";
            String otherFlag = cert == null ? "--tls-cert" : "--tls-key";
            if (table != null) {
                throw table.origin(other).problem("missing (expected: a file, since " + given.origin().prefix()
                        + " is set; or " + otherFlag + ")");
            }
            throw Origin.flag(otherFlag).problem("missing (expected: a file, since " + given.origin().prefix()
                    + " is given)");
        }
        return new ServerConfig.Tls(readable(cert, table, env), readable(key, table, env));
    }

    private static Path readable(Text t, TomlTable table, Env env) throws ConfigException {
        Path base = t.origin().isFlag() ? env.workingDirectory() : table.source().directory();
        Path path = Values.path(t, base);
        if (!Files.isReadable(path)) {
            throw t.bad("a readable file; " + Show.clean(path.toString()) + " is not");
        }
        return path;
    }
}
