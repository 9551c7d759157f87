package io.p2proxy.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain blocking TCP echo service on loopback, one thread per connection: echoes every byte,
 * and on the client's FIN finishes echoing and sends its own FIN (half-close travels back). A
 * client RST shows up in {@link #resets()}.
 */
public final class EchoServer implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();

    public EchoServer() {
        try {
            server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(this::acceptLoop, "echo-accept");
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "echo-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
            s.shutdownOutput();
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("reset")) {
                resets.incrementAndGet();
            }
        } finally {
            open.remove(s);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public int accepted() {
        return accepted.get();
    }

    /** Connections now open at the service. */
    public int openConnections() {
        return open.size();
    }

    public int resets() {
        return resets.get();
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
