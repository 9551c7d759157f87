package io.p2proxy.stun.internal;

import java.net.InetSocketAddress;
import java.util.Objects;

/** Argument checks shared by the attribute records, with messages in the project's form. */
public final class Checks {

    private Checks() {
    }

    public static InetSocketAddress address(InetSocketAddress address, String name) {
        Objects.requireNonNull(address, name);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(name + ": " + address + " (expected: a resolved IP address)");
        }
        return address;
    }

    public static int unsigned16(int value, String name) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..65535)");
        }
        return value;
    }

    public static long unsigned32(long value, String name) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..4294967295)");
        }
        return value;
    }

    public static int unsigned8(int value, String name) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..255)");
        }
        return value;
    }

    public static byte[] bytes(byte[] value, String name, int min, int max) {
        Objects.requireNonNull(value, name);
        if (value.length < min || value.length > max) {
            throw new IllegalArgumentException(
                    name + ": " + value.length + " bytes (expected: " + min + ".." + max + ")");
        }
        return value.clone();
    }
}
