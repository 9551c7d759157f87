package io.p2proxy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The published service of {@link NatGridTest}, run as a child JVM inside the publishing host's
 * namespace: {@code NatGridEcho PORT} listens on 127.0.0.1:PORT, echoes every byte, and answers a
 * client's FIN with its own after the last byte (half-close travels back). Prints
 * {@code echo listening on 127.0.0.1:PORT} when ready.
 */
public final class NatGridEcho {

    private NatGridEcho() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        try (ServerSocket server = new ServerSocket(port, 64, InetAddress.getLoopbackAddress())) {
            System.out.println("echo listening on 127.0.0.1:" + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "echo-" + s.getPort());
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void serve(Socket s) {
        long bytes = 0;
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                bytes += n;
            }
            s.shutdownOutput();
            System.out.println("echo: client " + s.getRemoteSocketAddress() + " done, " + bytes + " bytes");
        } catch (IOException e) {
            System.out.println("echo: client " + s.getRemoteSocketAddress() + " failed after " + bytes + " bytes: " + e);
        }
    }
}
