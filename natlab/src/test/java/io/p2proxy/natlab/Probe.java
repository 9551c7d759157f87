package io.p2proxy.natlab;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Drives a {@link NetProbe} child JVM running in a lab namespace. */
final class Probe {

    static final Duration REPLY = Duration.ofSeconds(5);
    /** How long "nothing arrives" is watched: traffic in the lab takes well under a millisecond. */
    static final Duration SILENCE = Duration.ofMillis(800);

    private final NsProcess process;

    private Probe(NsProcess process) {
        this.process = process;
    }

    /** Starts a probe on every host at once (JVM start-up dominates), then waits until each is ready. */
    static List<Probe> start(Host... hosts) {
        List<NsProcess> processes = Arrays.stream(hosts)
                .map(host -> host.startJvm("probe-" + host.name(), NetProbe.class.getName(), List.of(), List.of()))
                .toList();
        processes.forEach(process -> process.awaitLine("ready"::equals, Duration.ofSeconds(30)));
        return processes.stream().map(Probe::new).toList();
    }

    /** Binds a UDP socket (port 0: any) on every address; returns the bound port. */
    int udp(int port) {
        return bound(process.lines().size(), "udp " + port);
    }

    int udp(int port, InetSocketAddress bind) {
        return bound(process.lines().size(), "udp " + port + " " + bind.getAddress().getHostAddress());
    }

    private int bound(int mark, String command) {
        process.send(command);
        String line = process.awaitLine(mark, l -> l.startsWith("udp-bound ") || l.startsWith("error "), REPLY);
        if (line.startsWith("error ")) {
            throw new AssertionError(line);
        }
        return Integer.parseInt(line.substring("udp-bound ".length()));
    }

    void send(int port, InetSocketAddress to, String payload) {
        process.send("send " + port + " " + text(to) + " " + payload);
    }

    void send(int port, String to, String payload) {
        process.send("send " + port + " " + to + " " + payload);
    }

    /** How a send after {@code mark} ended: its "sent ..." line, or the probe's "error ..." line. */
    String sent(int mark) {
        return process.awaitLine(mark, l -> l.startsWith("sent ") || l.startsWith("error send "), REPLY);
    }

    /** Asks {@code server} from the socket on {@code port} what source it sees: "ip:port", the mapped address. */
    String whoami(int port, InetSocketAddress server) {
        int mark = mark();
        send(port, server, "whoami");
        String prefix = "udp-recv " + port + " " + text(server) + " you-are ";
        return process.awaitLine(mark, l -> l.startsWith(prefix), REPLY).substring(prefix.length());
    }

    /** Sends whoami and checks that no answer comes for {@link #SILENCE}. */
    void whoamiUnanswered(int port, InetSocketAddress server) {
        int mark = mark();
        send(port, server, "whoami");
        assertSilence(mark, "udp-recv " + port + " ");
    }

    /** Datagrams received on {@code port} since {@code mark}. */
    List<String> received(int mark, int port) {
        return process.linesMatching(mark, l -> l.startsWith("udp-recv " + port + " "));
    }

    String awaitReceived(int mark, int port, String payload) {
        return process.awaitLine(mark, l -> l.startsWith("udp-recv " + port + " ") && l.endsWith(" " + payload), REPLY);
    }

    /** Checks that no line starting with {@code prefix} appears after {@code mark} for {@link #SILENCE}. */
    void assertSilence(int mark, String prefix) {
        await("no '" + prefix + "' from " + process.name()).during(SILENCE).atMost(SILENCE.multipliedBy(3))
                .until(() -> process.linesMatching(mark, l -> l.startsWith(prefix)).isEmpty());
    }

    void tcpListen(int port) {
        int mark = mark();
        process.send("tcp-listen " + port);
        process.awaitLine(mark, l -> l.startsWith("tcp-listening "), REPLY);
    }

    /** Connects over TCP; returns what the listener said ("you-are ip:port") or fails with the reason. */
    String tcpWhoami(InetSocketAddress server) {
        int mark = mark();
        process.send("tcp-connect " + text(server));
        String line = process.awaitLine(mark, l -> l.startsWith("tcp-got ") || l.startsWith("tcp-failed "), REPLY);
        if (!line.startsWith("tcp-got you-are ")) {
            throw new AssertionError("TCP to " + text(server) + ": " + line);
        }
        return line.substring("tcp-got you-are ".length());
    }

    /** Waits until the probe reports at least {@code count} datagrams sent. */
    void awaitSent(int count) {
        await("%d datagrams sent".formatted(count)).atMost(REPLY)
                .until(() -> process.linesMatching(0, l -> l.startsWith("sent ")).size() >= count);
    }

    /** Waits until datagrams on {@code port} (since {@code mark}) stop arriving for a moment. */
    void awaitQuiet(int mark, int port) {
        AtomicInteger last = new AtomicInteger(-1);
        await("datagrams on " + port + " stop arriving").during(Duration.ofMillis(300)).atMost(REPLY)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    int count = received(mark, port).size();
                    return last.getAndSet(count) == count;
                });
    }

    int mark() {
        return process.lines().size();
    }

    long pid() {
        return process.pid();
    }

    static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
