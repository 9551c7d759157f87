package io.p2proxy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client of {@link NatGridTest}, run as a child JVM inside the asking host's namespace (where
 * the forward and the peer's admin endpoint listen on loopback).
 * {@code NatGridClient FORWARD_PORT BYTES SEED ADMIN_PORT}: connects to 127.0.0.1:FORWARD_PORT,
 * writes BYTES pseudo-random bytes (half-closing after the last) while reading the echo until the
 * far side's FIN, and prints one line per fact. After the first 16 KiB it waits until the first
 * echoed byte came back and the status was taken, so the status shows the stream's session while
 * the stream is surely open.
 * <pre>
 * connect-at HH:MM:SS.mmm  wall clock at connect(), as the peers' log lines show time
 * first-byte MS          time from the start of connect() to the first echoed byte
 * status JSON            the asking peer's GET /status, on one line (after the first byte, or after a failure)
 * done sent=HEX received=HEX bytes=N ms=MS
 * reset after MS ms: EXCEPTION     (or: eof after ..., timeout after ...)
 * </pre>
 */
public final class NatGridClient {

    private NatGridClient() {
    }

    public static void main(String[] args) throws Exception {
        int forward = Integer.parseInt(args[0]);
        long bytes = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[2]);
        int admin = Integer.parseInt(args[3]);
        System.out.println("connect-at " + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS")));
        long start = System.nanoTime();
        MessageDigest in = sha256();
        long got = 0;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), forward)) {
            s.setSoTimeout(40_000);
            CountDownLatch statusTaken = new CountDownLatch(1);
            CompletableFuture<String> writer = CompletableFuture.supplyAsync(() -> write(s, bytes, seed, statusTaken));
            InputStream input = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            try {
                for (int n; (n = input.read(buf)) > 0; ) {
                    if (got == 0) {
                        System.out.println("first-byte " + millisSince(start));
                        System.out.println("status " + status(admin));
                        System.out.flush();
                        statusTaken.countDown();
                    }
                    in.update(buf, 0, n);
                    got += n;
                }
            } catch (SocketTimeoutException e) {
                System.out.println("timeout after " + millisSince(start) + " ms, " + got + " bytes received");
                System.out.println("status " + status(admin));
                return;
            } catch (SocketException e) {
                System.out.println((got == 0 ? "reset" : "reset mid-transfer") + " after " + millisSince(start)
                        + " ms, " + got + " bytes received: " + e);
                System.out.println("status " + status(admin));
                return;
            }
            if (got == 0) {
                System.out.println("eof after " + millisSince(start) + " ms, 0 bytes received (a clean close, not a reset)");
                System.out.println("status " + status(admin));
                return;
            }
            String sent = writer.join();
            System.out.println("done sent=" + sent + " received=" + HexFormat.of().formatHex(in.digest()) + " bytes=" + got
                    + " ms=" + millisSince(start));
        } finally {
            System.out.flush();
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Writes the first chunk, waits until the status was taken (the stream is surely open then), writes the rest. */
    private static String write(Socket s, long bytes, long seed, CountDownLatch statusTaken) {
        MessageDigest out = sha256();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buf = new byte[16 * 1024];
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
                if (left + n == bytes) {
                    statusTaken.await(30, TimeUnit.SECONDS);
                }
            }
            s.shutdownOutput();
            return HexFormat.of().formatHex(out.digest());
        } catch (IOException e) {
            return "write-failed:" + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "write-interrupted";
        }
    }

    /** The asking peer's /status on one line, or a word saying why there is none. */
    private static String status(int admin) {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/status"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().replaceAll("[\\r\\n]+", " ") : "null (HTTP " + r.statusCode() + ")";
        } catch (IOException e) {
            return "null (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "null (interrupted)";
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
