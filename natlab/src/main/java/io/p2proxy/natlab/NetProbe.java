package io.p2proxy.natlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny UDP/TCP tool run as a child JVM inside a lab namespace, driven line by line on stdin,
 * answering on stdout. It is a STUN-like responder and a client at once:
 * <pre>
 * udp PORT [BIND_IP]          -> udp-bound PORT            (a socket; PORT 0 picks one)
 * send PORT IP:PORT PAYLOAD   -> sent PORT IP:PORT         (from the socket bound to PORT)
 * tcp-listen PORT             -> tcp-listening PORT        (each client gets "you-are IP:PORT")
 * tcp-connect IP:PORT         -> tcp-got LINE | tcp-failed REASON
 * (any datagram)              -> udp-recv PORT FROM_IP:FROM_PORT PAYLOAD
 * </pre>
 * A datagram whose payload is {@code whoami} is answered with {@code you-are IP:PORT}, the source
 * address the probe saw: the mapped address of the sender. The probe exits when stdin closes, so
 * it never outlives the test that drives it.
 */
public final class NetProbe {

    private final PrintStream out;
    private final Map<Integer, DatagramSocket> sockets = new ConcurrentHashMap<>();

    private NetProbe(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        NetProbe probe = new NetProbe(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8));
        probe.say("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            try {
                probe.handle(line.strip().split(" ", 4));
            } catch (IOException | RuntimeException e) {
                probe.say("error " + line + ": " + e);
            }
        }
        System.exit(0);
    }

    private void handle(String[] words) throws IOException {
        switch (words[0]) {
            case "udp" -> bindUdp(Integer.parseInt(words[1]), words.length > 2 ? words[2] : "0.0.0.0");
            case "send" -> send(Integer.parseInt(words[1]), address(words[2]), words.length > 3 ? words[3] : "");
            case "tcp-listen" -> listenTcp(Integer.parseInt(words[1]));
            case "tcp-connect" -> connectTcp(address(words[1]));
            default -> say("error unknown command " + words[0]);
        }
    }

    private void bindUdp(int port, String bindIp) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bindIp), port));
        int bound = socket.getLocalPort();
        sockets.put(bound, socket);
        daemon("udp-" + bound, () -> receive(socket, bound));
        say("udp-bound " + bound);
    }

    private void receive(DatagramSocket socket, int port) {
        byte[] buffer = new byte[2048];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                String payload = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                String from = packet.getAddress().getHostAddress() + ":" + packet.getPort();
                say("udp-recv " + port + " " + from + " " + payload);
                if (payload.equals("whoami")) {
                    byte[] answer = ("you-are " + from).getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                say("error udp " + port + ": " + e);
                return;
            }
        }
    }

    private void send(int port, InetSocketAddress to, String payload) throws IOException {
        DatagramSocket socket = sockets.get(port);
        if (socket == null) {
            throw new IllegalArgumentException("no socket on port " + port);
        }
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
        say("sent " + port + " " + to.getAddress().getHostAddress() + ":" + to.getPort());
    }

    private void listenTcp(int port) throws IOException {
        ServerSocket server = new ServerSocket(port);
        daemon("tcp-" + port, () -> {
            while (true) {
                try (Socket client = server.accept(); OutputStream stream = client.getOutputStream()) {
                    String from = client.getInetAddress().getHostAddress() + ":" + client.getPort();
                    stream.write(("you-are " + from + "\n").getBytes(StandardCharsets.UTF_8));
                    say("tcp-accepted " + from);
                } catch (IOException e) {
                    say("error tcp " + port + ": " + e);
                }
            }
        });
        say("tcp-listening " + server.getLocalPort());
    }

    private void connectTcp(InetSocketAddress to) {
        daemon("tcp-connect", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(to, 2_000);
                socket.setSoTimeout(2_000);
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                say("tcp-got " + reader.readLine());
            } catch (IOException e) {
                say("tcp-failed " + e);
            }
        });
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void say(String line) {
        out.println(line);
    }
}
