package io.p2proxy.config.internal;

import io.p2proxy.config.ConfigException;

/** A string value and where it came from, so that a check of it can name the place. */
public record Text(String value, Origin origin) {

    public static Text flag(String flag, String value) {
        return value == null ? null : new Text(value, Origin.flag(flag));
    }

    public ConfigException bad(String expected) {
        return origin.badText(value, expected);
    }
}
