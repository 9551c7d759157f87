package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Incremental RFC 1928 (and RFC 1929) parsing over a cumulation buffer: each method returns null while the
 * message is incomplete (consuming nothing), the message once complete (consuming exactly it), and
 * throws {@link SocksException} on bytes no SOCKS5 client sends. Messages are bounded by their
 * own length fields (a greeting at most 257 bytes, a username/password at most 513, a request at
 * most 262), so is the cumulation.
 */
public final class SocksDecoder {

    public static final int MAX_MESSAGE = 4 + 1 + 255 + 2;
    public static final int MAX_AUTH = 1 + 1 + 255 + 1 + 255;

    private SocksDecoder() {
    }

    /** Section 3: VER NMETHODS METHODS. */
    public static SocksMessage.Greeting greeting(ByteBuf in) throws SocksException {
        int start = in.readerIndex();
        if (in.readableBytes() < 2) {
            return null;
        }
        checkVersion(in.getUnsignedByte(start));
        int n = in.getUnsignedByte(start + 1);
        if (n == 0) {
            throw new SocksException(SocksException.Kind.MALFORMED, "a greeting with no methods");
        }
        if (in.readableBytes() < 2 + n) {
            return null;
        }
        Set<Integer> methods = new HashSet<>();
        for (int i = 0; i < n; i++) {
            methods.add((int) in.getUnsignedByte(start + 2 + i));
        }
        in.skipBytes(2 + n);
        return new SocksMessage.Greeting(Set.copyOf(methods));
    }

    /**
     * RFC 1929 section 2: VER ULEN UNAME PLEN PASSWD. An empty password (PLEN 0) parses, and
     * fails to authenticate; an empty user name is no client's.
     */
    public static SocksMessage.Auth auth(ByteBuf in) throws SocksException {
        int start = in.readerIndex();
        if (in.readableBytes() < 2) {
            return null;
        }
        int version = in.getUnsignedByte(start);
        if (version != SocksMessage.AUTH_VERSION) {
            throw new SocksException(SocksException.Kind.MALFORMED,
                    "username/password version " + version + " (expected: 1)");
        }
        int ulen = in.getUnsignedByte(start + 1);
        if (ulen == 0) {
            throw new SocksException(SocksException.Kind.MALFORMED, "an empty user name");
        }
        if (in.readableBytes() < 3 + ulen) {
            return null;
        }
        int plen = in.getUnsignedByte(start + 2 + ulen);
        if (in.readableBytes() < 3 + ulen + plen) {
            return null;
        }
        String username = in.toString(start + 2, ulen, StandardCharsets.ISO_8859_1);
        String password = in.toString(start + 3 + ulen, plen, StandardCharsets.ISO_8859_1);
        in.skipBytes(3 + ulen + plen);
        return new SocksMessage.Auth(username, password);
    }

    /** Section 4: VER CMD RSV ATYP DST.ADDR DST.PORT. */
    public static SocksMessage.Request request(ByteBuf in) throws SocksException {
        int start = in.readerIndex();
        if (in.readableBytes() < 5) {
            return null;
        }
        checkVersion(in.getUnsignedByte(start));
        int command = in.getUnsignedByte(start + 1);
        int atyp = in.getUnsignedByte(start + 3);
        int addressStart = start + 4;
        int addressLength = switch (atyp) {
            case SocksMessage.ATYP_IPV4 -> 4;
            case SocksMessage.ATYP_IPV6 -> 16;
            case SocksMessage.ATYP_DOMAIN -> {
                addressStart++;
                int n = in.getUnsignedByte(start + 4);
                if (n == 0) {
                    throw new SocksException(SocksException.Kind.MALFORMED, "an empty domain name");
                }
                yield n;
            }
            default -> throw new SocksException(SocksException.Kind.ADDRESS_TYPE, "address type " + atyp);
        };
        int total = addressStart - start + addressLength + 2;
        if (in.readableBytes() < total) {
            return null;
        }
        String host = atyp == SocksMessage.ATYP_DOMAIN
                ? in.toString(addressStart, addressLength, StandardCharsets.ISO_8859_1)
                : literal(in, addressStart, addressLength);
        int port = in.getUnsignedShort(addressStart + addressLength);
        in.skipBytes(total);
        return new SocksMessage.Request(command, atyp, host, port);
    }

    private static void checkVersion(int version) throws SocksException {
        if (version != SocksMessage.VERSION) {
            throw new SocksException(SocksException.Kind.MALFORMED, "SOCKS version " + version + " (expected: 5)");
        }
    }

    private static String literal(ByteBuf in, int at, int length) {
        byte[] b = new byte[length];
        in.getBytes(at, b);
        try {
            String text = InetAddress.getByAddress(b).getHostAddress();
            return length == 16 ? "[" + text + "]" : text;
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are an address", e);
        }
    }
}
