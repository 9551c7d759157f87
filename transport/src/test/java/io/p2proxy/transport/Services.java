package io.p2proxy.transport;

import io.p2proxy.common.HostPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/** Blocking loopback services with one behaviour each, for the cases the echo cannot show. */
final class Services {

    private Services() {
    }

    /** A service that speaks first: sends {@code bytes} seeded bytes, half-closes, then reads to EOF. */
    static final class SpeaksFirst implements AutoCloseable {
        private final ServerSocket server;
        final CompletableFuture<String> sent = new CompletableFuture<>();
        final CompletableFuture<String> received = new CompletableFuture<>();

        SpeaksFirst(long bytes, long seed) {
            server = bind();
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    sent.complete(write(s.getOutputStream(), bytes, seed));
                    s.shutdownOutput();
                    received.complete(readAll(s.getInputStream()));
                } catch (IOException e) {
                    sent.completeExceptionally(e);
                    received.completeExceptionally(e);
                }
            }, "speaks-first");
            t.setDaemon(true);
            t.start();
        }

        HostPort address() {
            return new HostPort("127.0.0.1", server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** A service that reads the first bytes of each connection and answers with a TCP RST. */
    static final class Resets implements AutoCloseable {
        private final ServerSocket server;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();

        Resets() {
            server = bind();
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        open.add(s);
                        s.getInputStream().read();
                        s.setSoLinger(true, 0);
                        s.close();
                        open.remove(s);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "resets");
            t.setDaemon(true);
            t.start();
        }

        HostPort address() {
            return new HostPort("127.0.0.1", server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static ServerSocket bind() {
        try {
            return new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(OutputStream out, long bytes, long seed) throws IOException {
        MessageDigest md = Clients.sha256();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buf = new byte[32 * 1024];
        for (long left = bytes; left > 0; ) {
            int n = (int) Math.min(buf.length, left);
            for (int i = 0; i < n; i++) {
                buf[i] = (byte) random.nextInt(256);
            }
            out.write(buf, 0, n);
            md.update(buf, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String readAll(InputStream in) throws IOException {
        return HexFormat.of().formatHex(Clients.readAllHash(in));
    }
}
