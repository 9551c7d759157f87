package io.p2proxy.rtsp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal RTSP server whose side of a connection a test can close at a moment of its choosing:
 * answers every request 200 (SETUP with interleaved TCP), and after PLAY streams 1 KiB interleaved
 * frames as fast as the connection takes them.
 */
final class FakeCamera implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    FakeCamera() throws IOException {
        Thread t = new Thread(this::accept, "fake-camera");
        t.setDaemon(true);
        t.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    int openConnections() {
        return open.size();
    }

    /** Closes the server's side of every connection now. */
    void closeConnections() {
        for (Socket s : open) {
            close(s);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "fake-camera-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            String method = null;
            String cseq = "0";
            String line;
            while ((line = in.readLine()) != null) {
                if (method == null) {
                    method = line.split(" ")[0];
                } else if (line.toLowerCase().startsWith("cseq:")) {
                    cseq = line.substring(5).trim();
                } else if (line.isEmpty()) {
                    String extra = method.equals("SETUP") ? "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: 1\r\n" : "";
                    out.write(("RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\n" + extra + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (method.equals("PLAY")) {
                        stream(out);
                        return;
                    }
                    method = null;
                }
            }
        } catch (IOException e) {
            // the other side went away, or the test closed this side
        } finally {
            open.remove(s);
        }
    }

    private static void stream(OutputStream out) throws IOException {
        byte[] frame = new byte[1028];
        frame[0] = '$';
        frame[2] = 4;
        while (true) {
            out.write(frame);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeConnections();
    }
}
