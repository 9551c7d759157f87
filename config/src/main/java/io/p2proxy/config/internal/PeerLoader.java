package io.p2proxy.config.internal;

import io.p2proxy.common.HostPort;
import io.p2proxy.config.ConfigException;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.config.PeerFlags;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** peer.toml and {@code p2proxy peer} flags to a checked {@link PeerConfig}. */
public final class PeerLoader {

    static final List<String> KEYS = List.of("name", "server", "token", "key", "admin", "linger", "publish",
            "forward", "socks", "http", "rtsp", "turn", "stun");

    private PeerLoader() {
    }

    /** @param source the parsed file, or null when there is none */
    public static PeerConfig load(TomlSource source, Path file, PeerFlags flags, Env env) throws ConfigException {
        TomlTable root = source == null ? null : source.root();
        if (root != null) {
            root.checkKeys(KEYS);
        }
        Text nameText = Merge.text(root, "name", Values.NAME, "--name", flags.name());
        if (nameText == null) {
            throw Merge.missing(source, "name", "--name", "this peer's name, " + Values.NAME);
        }
        String name = Values.name(nameText);

        Text serverText = Merge.text(root, "server", Values.SERVER_URL, "--server", flags.server());
        if (serverText == null) {
            throw Merge.missing(source, "server", "--server", "the rendezvous server, " + Values.SERVER_URL);
        }
        URI server = Values.serverUrl(serverText);

        Text tokenText = Merge.text(root, "token", Values.TOKEN, "--token", flags.token());
        if (tokenText == null) {
            throw Merge.missing(source, "token", "--token", "the network secret, " + Values.TOKEN);
        }
        String token = Values.token(tokenText);

        Text keyText = Merge.text(root, "key", Values.PATH, "--key", flags.key());
        Path key = keyText == null ? env.defaultKey(name)
                : Values.path(keyText, keyText.origin().isFlag() ? env.workingDirectory() : source.directory());

        Text adminText = Merge.text(root, "admin", Values.ADMIN, "--admin", flags.admin());
        HostPort admin = adminText == null ? PeerConfig.DEFAULT_ADMIN : Values.admin(adminText);

        Text lingerText = Merge.text(root, "linger", Values.DURATION, "--linger", flags.linger());
        Duration linger = lingerText == null ? PeerConfig.DEFAULT_LINGER : Values.duration(lingerText);

        ListenerSet tcp = new ListenerSet();
        tcp.add(admin, adminText == null ? Origin.flag("the default admin") : adminText.origin());
        PeerLists lists = new PeerLists(root, flags, tcp);
        List<PeerConfig.Publish> publish = lists.publish();
        List<PeerConfig.Forward> forward = lists.forward();
        PeerConfig.Socks socks = lists.socks(flags.socks());
        PeerConfig.Listener http = lists.listener("http", flags.http());
        PeerConfig.Listener rtsp = lists.listener("rtsp", flags.rtsp());
        List<PeerConfig.Turn> turn = lists.turn();

        List<HostPort> stun = new ArrayList<>();
        for (Text t : Merge.texts(root, "stun", Values.STUN_SERVER, "--stun", flags.stun())) {
            stun.add(Values.stunServer(t));
        }
        return new PeerConfig(file, name, server, token, key, admin, linger, publish, forward, socks, http, rtsp,
                turn, stun);
    }
}
