package io.p2proxy.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Hand-made clients on plain sockets: every byte they send is the test's choice. */
final class Clients {

    private Clients() {
    }

    static Socket connect(InetSocketAddress to) throws IOException {
        Socket s = new Socket(to.getAddress(), to.getPort());
        s.setSoTimeout(15_000);
        s.setTcpNoDelay(true);
        return s;
    }

    /** A SOCKS5 greeting and CONNECT request for a domain name, with {@code behind} right after it. */
    static byte[] socksConnect(String host, int port, byte[] behind) {
        return socks(1, 3, host.getBytes(StandardCharsets.ISO_8859_1), port, behind);
    }

    static byte[] socks(int command, int atyp, byte[] address, int port, byte[] behind) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {5, 1, 0, 5, (byte) command, 0, (byte) atyp});
        if (atyp == 3) {
            b.write(address.length);
        }
        b.writeBytes(address);
        b.write(port >> 8);
        b.write(port & 0xff);
        b.writeBytes(behind);
        return b.toByteArray();
    }

    /** Reads the method choice and the reply; @return the reply code (RFC 1928 section 6) */
    static int socksReply(InputStream in) throws IOException {
        byte[] method = in.readNBytes(2);
        if (method.length < 2 || method[0] != 5 || method[1] != 0) {
            throw new IOException("no method choice: " + method.length + " bytes");
        }
        byte[] reply = in.readNBytes(10);
        if (reply.length < 10) {
            throw new IOException("short reply: " + reply.length + " bytes");
        }
        return reply[1] & 0xff;
    }

    /** Reads an HTTP response head, byte by byte, up to and including the blank line. */
    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
