package io.p2proxy.config.internal;

import io.p2proxy.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/** Flags over the file: which text wins, and what a missing required value says. */
final class Merge {

    private Merge() {
    }

    /**
     * The flag's text when given, else the file's (null when neither). The file's value is read
     * (and type-checked) even when a flag overrides it: a broken file stays an error.
     */
    static Text text(TomlTable table, String key, String expected, String flag, String flagValue)
            throws ConfigException {
        Text fromFile = table == null ? null : table.string(key, expected);
        return flagValue != null ? Text.flag(flag, flagValue) : fromFile;
    }

    /** The flags' texts when any, else the file's (a string or an array of strings). */
    static List<Text> texts(TomlTable table, String key, String expected, String flag, List<String> flagValues)
            throws ConfigException {
        List<Text> fromFile = table == null ? List.of() : table.strings(key, expected, true);
        if (flagValues.isEmpty()) {
            return fromFile;
        }
        List<Text> out = new ArrayList<>();
        for (String v : flagValues) {
            out.add(Text.flag(flag, v));
        }
        return out;
    }

    /** {@code peer.toml: token: missing (expected: …; or --token)}, or {@code --token: missing (…)}. */
    static ConfigException missing(TomlSource source, String key, String flag, String expected) {
        if (source == null) {
            return Origin.flag(flag).problem("missing (expected: " + expected + "; or " + key
                    + " in a config file given with -c)");
        }
        return new Origin(source.name(), 0, key).problem("missing (expected: " + expected + "; or " + flag + ")");
    }

    /** A required key of a table element, e.g. {@code peer.toml:9: publish[1].target: missing (…)}. */
    static Text required(TomlTable table, String key, String expected) throws ConfigException {
        Text t = table.string(key, expected);
        if (t == null) {
            throw table.origin(key).problem("missing (expected: " + expected + ")");
        }
        return t;
    }
}
