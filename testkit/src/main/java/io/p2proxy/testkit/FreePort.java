package io.p2proxy.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback TCP port that was free a moment ago, for tests that must know a port before binding it. */
public final class FreePort {

    private FreePort() {
    }

    /** A UDP port free on 127.0.0.1 right now (a race with other programs, acceptable on loopback). */
    public static int udp() {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port free on 127.0.0.1 for both UDP and TCP right now: coturn's turnserver listens on both
     * and retries a busy TCP bind forever instead of serving UDP.
     */
    public static int udpAndTcp() {
        for (int attempt = 0; ; attempt++) {
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
                    ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (java.net.BindException busy) {
                if (attempt == 50) {
                    throw new UncheckedIOException(busy);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static int tcp() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
