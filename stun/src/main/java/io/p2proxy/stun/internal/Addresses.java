package io.p2proxy.stun.internal;

import io.netty.buffer.ByteBuf;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.TransactionId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The address value shared by MAPPED-ADDRESS and its XOR variants (RFC 8489 §14.1, §14.2). */
final class Addresses {

    static final int MAGIC_COOKIE = 0x2112A442;
    private static final int IPV4 = 0x01;
    private static final int IPV6 = 0x02;

    private Addresses() {
    }

    /** Reads {@code length} bytes at {@code index}; XOR with the cookie (and id, IPv6) when {@code xor}. */
    static InetSocketAddress read(ByteBuf buf, int index, int length, boolean xor, TransactionId id)
            throws StunException {
        if (length < 4) {
            throw Malformed.of("address attribute of " + length + " bytes (expected: 8 or 20)");
        }
        int family = buf.getUnsignedByte(index + 1);
        int size = family == IPV4 ? 4 : family == IPV6 ? 16 : -1;
        if (size < 0) {
            throw Malformed.of("address family " + family + " (expected: 1 or 2)");
        }
        if (length != 4 + size) {
            throw Malformed.of("address attribute of " + length + " bytes for family " + family);
        }
        int port = buf.getUnsignedShort(index + 2);
        byte[] address = new byte[size];
        buf.getBytes(index + 4, address);
        if (xor) {
            port ^= MAGIC_COOKIE >>> 16;
            xorInPlace(address, id);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    static void write(ByteBuf out, InetSocketAddress socketAddress, boolean xor, TransactionId id) {
        byte[] address = socketAddress.getAddress().getAddress();
        int port = socketAddress.getPort();
        if (xor) {
            port ^= MAGIC_COOKIE >>> 16;
            xorInPlace(address, id);
        }
        out.writeByte(0);
        out.writeByte(address.length == 4 ? IPV4 : IPV6);
        out.writeShort(port);
        out.writeBytes(address);
    }

    /** §14.2: IPv4 XORs with the cookie; IPv6 with the cookie followed by the transaction id. */
    private static void xorInPlace(byte[] address, TransactionId id) {
        byte[] mask = new byte[16];
        mask[0] = (byte) (MAGIC_COOKIE >>> 24);
        mask[1] = (byte) (MAGIC_COOKIE >>> 16);
        mask[2] = (byte) (MAGIC_COOKIE >>> 8);
        mask[3] = (byte) MAGIC_COOKIE;
        System.arraycopy(id.toBytes(), 0, mask, 4, TransactionId.LENGTH);
        for (int i = 0; i < address.length; i++) {
            address[i] ^= mask[i];
        }
    }
}
