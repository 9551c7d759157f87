package io.p2proxy.stun.internal;

import java.text.Normalizer;

/**
 * A simplified SASLprep (RFC 4013 §2): map (RFC 3454 B.1 to nothing, C.1.2 to space), then NFKC.
 * The prohibited-output and bidirectional checks are skipped; a password that would fail them is
 * used as mapped. Enough for the RFC 5769 long-term vector ("The\u00adM\u00aatr\u2168" → "TheMatrIX").
 */
public final class Saslprep {

    private Saslprep() {
    }

    public static String prepare(String text) {
        StringBuilder mapped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (isMappedToNothing(c)) {
                return;
            }
            mapped.appendCodePoint(isNonAsciiSpace(c) ? ' ' : c);
        });
        return Normalizer.normalize(mapped, Normalizer.Form.NFKC);
    }

    /** RFC 3454 table B.1. */
    private static boolean isMappedToNothing(int c) {
        return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D)
                || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
    }

    /** RFC 3454 table C.1.2. */
    private static boolean isNonAsciiSpace(int c) {
        return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }
}
