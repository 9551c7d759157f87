package io.p2proxy.stun.internal;

/** The attribute types that have their own record; every other type decodes to {@code Unknown}. */
public final class KnownTypes {

    private static final int[] TYPES = {
        0x0001, 0x0003, 0x0006, 0x0008, 0x0009, 0x000A, 0x000C, 0x000D, 0x0012, 0x0013, 0x0014, 0x0015,
        0x0016, 0x0017, 0x0018, 0x0019, 0x001A, 0x001C, 0x0020, 0x0022, 0x0024, 0x0025,
        0x8022, 0x8023, 0x8028, 0x8029, 0x802A, 0x802B, 0x802C,
    };
    private static final boolean[] KNOWN = new boolean[0x10000];

    static {
        for (int type : TYPES) {
            KNOWN[type] = true;
        }
    }

    private KnownTypes() {
    }

    public static boolean isKnown(int type) {
        return type >= 0 && type <= 0xffff && KNOWN[type];
    }

    /** A copy of the list, for tests that want every type. */
    public static int[] all() {
        return TYPES.clone();
    }
}
