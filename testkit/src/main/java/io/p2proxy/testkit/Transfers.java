package io.p2proxy.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/** Byte-exact transfers for end-to-end tests: send pseudo-random bytes, hash both directions. */
public final class Transfers {

    private Transfers() {
    }

    /** What went out and what came back, as SHA-256 hex. */
    public record Result(String sent, String received, long bytesReceived) {
    }

    /**
     * Connects to {@code address}, writes {@code bytes} pseudo-random bytes (seeded) while reading
     * the echo, half-closes after the last byte and reads until the far side's FIN.
     */
    public static Result echo(InetSocketAddress address, long bytes, long seed) {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            s.setSoTimeout(60_000);
            CompletableFuture<String> writer = CompletableFuture.supplyAsync(() -> write(s, bytes, seed));
            MessageDigest in = sha256();
            long got = 0;
            InputStream input = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = input.read(buf)) > 0; ) {
                in.update(buf, 0, n);
                got += n;
            }
            return new Result(writer.join(), HexFormat.of().formatHex(in.digest()), got);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Socket s, long bytes, long seed) {
        MessageDigest out = sha256();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buf = new byte[32 * 1024];
        try {
            OutputStream output = s.getOutputStream();
            for (long left = bytes; left > 0; ) {
                int n = (int) Math.min(buf.length, left);
                for (int i = 0; i < n; i++) {
                    buf[i] = (byte) random.nextInt(256);
                }
                output.write(buf, 0, n);
                out.update(buf, 0, n);
                left -= n;
            }
            s.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(out.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
