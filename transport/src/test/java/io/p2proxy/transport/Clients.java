package io.p2proxy.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** Blocking test clients: plain java.net sockets, as a user's application would be. */
final class Clients {

    private Clients() {
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(60_000);
        return s;
    }

    /**
     * Sends {@code size} pseudo-random bytes and half-closes, while reading everything that comes
     * back until EOF; returns the SHA-256 of what was sent and of what was received.
     */
    static byte[][] echo(int port, long size, long seed) throws Exception {
        try (Socket s = connect(port)) {
            MessageDigest sent = sha256();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    Random random = new Random(seed);
                    byte[] chunk = new byte[32 * 1024];
                    for (long left = size; left > 0; ) {
                        random.nextBytes(chunk);
                        int n = (int) Math.min(chunk.length, left);
                        out.write(chunk, 0, n);
                        sent.update(chunk, 0, n);
                        left -= n;
                    }
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] received = readAllHash(s.getInputStream());
            writer.join();
            return new byte[][] {sent.digest(), received};
        }
    }

    static byte[] readAllHash(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            md.update(buf, 0, n);
        }
        return md.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
