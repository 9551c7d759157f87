package io.p2proxy.common;

import java.util.regex.Pattern;

/** Peer and resource names: {@code [a-z0-9][a-z0-9-]{0,62}} (SPEC.md, "Names"). */
public final class PeerName {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final String EXPECTED = "lower-case letters, digits and '-', 1 to 63 characters, not starting with '-'";

    private PeerName() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @throws IllegalArgumentException when {@code name} is not a valid name */
    public static String check(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("bad name: '" + name + "' (expected: " + EXPECTED + ")");
        }
        return name;
    }
}
