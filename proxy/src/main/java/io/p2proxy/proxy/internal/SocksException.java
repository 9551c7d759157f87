package io.p2proxy.proxy.internal;

/** Bytes no SOCKS5 client sends; {@link #kind()} picks the reply. */
public final class SocksException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Wrong version or impossible lengths: close without a reply (it may not be SOCKS5 at all). */
        MALFORMED,
        /** An address type RFC 1928 does not define: reply 0x08. */
        ADDRESS_TYPE
    }

    private final Kind kind;

    public SocksException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
