package io.p2proxy.config.internal;

import io.p2proxy.common.HostPort;
import io.p2proxy.common.PeerName;
import io.p2proxy.common.ResourceAddress;
import io.p2proxy.config.ConfigException;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.config.PeerFlags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The peer's tables: what it publishes, forwards, listens on, and its TURN servers. */
final class PeerLists {

    static final List<String> PUBLISH_KEYS = List.of("name", "target", "allow");
    static final List<String> FORWARD_KEYS = List.of("listen", "to");
    static final List<String> LISTENER_KEYS = List.of("listen");
    static final List<String> SOCKS_KEYS = List.of("listen", "username", "password");
    static final List<String> TURN_KEYS = List.of("url", "username", "password");
    static final String PUBLISH_FLAG = "NAME=HOST:PORT";
    static final String FORWARD_FLAG = "LISTEN=PEER/RESOURCE, e.g. 127.0.0.1:8554=garage/camera";
    /**
     * A resource without {@code allow} is an error, not "nobody": a published resource that no
     * peer may use is a mistake worth saying so, and "everybody" must be written as "*".
     */
    static final String ALLOW_MISSING = "peer names, peer ids, or [\"*\"] for every peer of the server";

    private final TomlTable root;
    private final PeerFlags flags;
    private final ListenerSet tcp;

    PeerLists(TomlTable root, PeerFlags flags, ListenerSet tcp) {
        this.root = root;
        this.flags = flags;
        this.tcp = tcp;
    }

    List<PeerConfig.Publish> publish() throws ConfigException {
        Map<String, Origin> names = new HashMap<>();
        List<PeerConfig.Publish> out = new ArrayList<>();
        for (TomlTable t : root == null ? List.<TomlTable>of() : root.tables("publish")) {
            t.checkKeys(PUBLISH_KEYS);
            Text name = Merge.required(t, "name", Values.NAME);
            Values.name(name);
            HostPort target = Values.address(Merge.required(t, "target", Values.ADDRESS));
            if (!t.has("allow")) {
                throw t.origin("allow").problem("missing (expected: " + ALLOW_MISSING + ")");
            }
            List<String> allow = new ArrayList<>();
            for (Text a : t.strings("allow", Values.ALLOW, true)) {
                allow.add(Values.allow(a));
            }
            if (allow.isEmpty()) {
                throw t.origin("allow").bad("an empty array", ALLOW_MISSING);
            }
            unique(names, name);
            out.add(new PeerConfig.Publish(name.value(), target, allow));
        }
        if (!flags.publish().isEmpty() && flags.allow().isEmpty()) {
            throw Origin.flag("--publish").badText(flags.publish().get(0),
                    "--allow PEER as well (" + Values.ALLOW + "), for the resources published by flags");
        }
        if (flags.publish().isEmpty() && !flags.allow().isEmpty()) {
            throw Origin.flag("--allow").badText(flags.allow().get(0),
                    "--publish " + PUBLISH_FLAG + " as well: --allow applies to resources published by flags");
        }
        List<String> allow = new ArrayList<>();
        for (String a : flags.allow()) {
            allow.add(Values.allow(Text.flag("--allow", a)));
        }
        for (String p : flags.publish()) {
            Text t = Text.flag("--publish", p);
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw t.bad(PUBLISH_FLAG);
            }
            String name = p.substring(0, eq);
            if (!PeerName.isValid(name)) {
                throw t.bad(PUBLISH_FLAG + ", NAME: " + Values.NAME);
            }
            HostPort target = Values.address(new Text(p.substring(eq + 1), t.origin()));
            unique(names, new Text(name, t.origin()));
            out.add(new PeerConfig.Publish(name, target, allow));
        }
        return out;
    }

    List<PeerConfig.Forward> forward() throws ConfigException {
        List<PeerConfig.Forward> out = new ArrayList<>();
        for (TomlTable t : root == null ? List.<TomlTable>of() : root.tables("forward")) {
            t.checkKeys(FORWARD_KEYS);
            Text listen = Merge.required(t, "listen", Values.ADDRESS);
            HostPort address = Values.address(listen);
            ResourceAddress to = Values.resource(Merge.required(t, "to", ResourceAddress.EXPECTED));
            tcp.add(address, listen.origin());
            out.add(new PeerConfig.Forward(address, to));
        }
        for (String f : flags.forward()) {
            Text t = Text.flag("--forward", f);
            int eq = f.indexOf('=');
            if (eq < 0) {
                throw t.bad(FORWARD_FLAG);
            }
            HostPort address = Values.address(new Text(f.substring(0, eq), t.origin()));
            ResourceAddress to = Values.resource(new Text(f.substring(eq + 1), t.origin()));
            tcp.add(address, t.origin());
            out.add(new PeerConfig.Forward(address, to));
        }
        return out;
    }

    /** {@code [http]} or {@code [rtsp]}; the flag replaces the file's table. */
    PeerConfig.Listener listener(String kind, String flagValue) throws ConfigException {
        TomlTable t = root == null ? null : root.table(kind);
        HostPort address = listen(t, LISTENER_KEYS, kind, flagValue);
        return address == null ? null : new PeerConfig.Listener(address);
    }

    /** {@code [socks]}: {@code --socks} replaces its address; credentials come from the file only. */
    PeerConfig.Socks socks(String flagValue) throws ConfigException {
        TomlTable t = root == null ? null : root.table("socks");
        HostPort address = listen(t, SOCKS_KEYS, "socks", flagValue);
        if (address == null) {
            return null;
        }
        return new PeerConfig.Socks(address, t == null ? null : SocksCredentials.of(t));
    }

    /** The flag's address, else the table's {@code listen}; null when neither. */
    private HostPort listen(TomlTable t, List<String> keys, String kind, String flagValue) throws ConfigException {
        Text fromFile = null;
        if (t != null) {
            t.checkKeys(keys);
            fromFile = Merge.required(t, "listen", Values.ADDRESS);
        }
        Text chosen = flagValue != null ? Text.flag("--" + kind, flagValue) : fromFile;
        if (chosen == null) {
            return null;
        }
        HostPort address = Values.address(chosen);
        tcp.add(address, chosen.origin());
        return address;
    }

    List<PeerConfig.Turn> turn() throws ConfigException {
        List<PeerConfig.Turn> out = new ArrayList<>();
        for (TomlTable t : root == null ? List.<TomlTable>of() : root.tables("turn")) {
            t.checkKeys(TURN_KEYS);
            String url = Values.turnUrl(Merge.required(t, "url", Values.TURN_URL));
            Text username = Merge.required(t, "username", "the TURN user name, " + Values.TOKEN);
            if (username.value().isEmpty()) {
                throw username.bad("the TURN user name, " + Values.TOKEN);
            }
            Text password = Merge.required(t, "password", "the TURN password");
            out.add(new PeerConfig.Turn(url, username.value(), password.value()));
        }
        return out;
    }

    private static void unique(Map<String, Origin> names, Text name) throws ConfigException {
        Origin prior = names.putIfAbsent(name.value(), name.origin());
        if (prior != null) {
            throw name.bad("a name no other published resource has; " + prior.prefix() + " has it");
        }
    }
}
