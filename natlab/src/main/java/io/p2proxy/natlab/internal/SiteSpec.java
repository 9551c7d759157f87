package io.p2proxy.natlab.internal;

import io.p2proxy.natlab.NatKind;
import java.util.Objects;
import java.util.regex.Pattern;

/** One site as asked for: its name (a-z, 0-9, up to 8 characters), NAT kind and number of hosts (1–9). */
public record SiteSpec(String name, NatKind kind, int hosts) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,7}");

    public SiteSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("site name: " + name + " (expected: [a-z][a-z0-9]{0,7})");
        }
        if (hosts < 1 || hosts > 9) {
            throw new IllegalArgumentException("hosts: " + hosts + " (expected: 1..9)");
        }
    }
}
