package io.p2proxy.netcheck.internal;

import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.netcheck.MappingBehavior;
import io.p2proxy.netcheck.NetCheckOptions;
import io.p2proxy.netcheck.NetReport;
import io.p2proxy.netcheck.NetReport.Filtering;
import io.p2proxy.netcheck.NetReport.Hairpin;
import io.p2proxy.netcheck.NetReport.Latency;
import io.p2proxy.netcheck.NetReport.Probe;
import io.p2proxy.netcheck.NetReport.Udp;
import io.p2proxy.netcheck.Verdict;
import io.p2proxy.netcheck.internal.ProbeSocket.Answer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of the check, on the caller's thread; sockets on {@code group}. */
public final class NetCheckRun {

    private static final Logger log = LoggerFactory.getLogger(NetCheckRun.class);
    /** The primary and the addresses reached by following OTHER-ADDRESS. */
    private static final int MAX_SERVER_ADDRESSES = 3;

    private final EventLoopGroup group;
    private final NetCheckOptions options;
    private final long startNanos = System.nanoTime();

    public NetCheckRun(EventLoopGroup group, NetCheckOptions options) {
        this.group = group;
        this.options = options;
    }

    public NetReport run(String server, InetSocketAddress primary, InetSocketAddress second) throws IOException {
        InetAddress localIp;
        try {
            localIp = sourceAddressFor(primary);
        } catch (IOException e) {
            log.info("netcheck: no route to {}: {}", HostPort.of(primary), e.getMessage());
            return unreachable(server, null, List.of(), "no route to " + HostPort.of(primary) + ": " + e.getMessage());
        }
        try (ProbeSocket a = ProbeSocket.open(group, new InetSocketAddress(localIp, 0), options.retransmission())) {
            CompletableFuture<Answer> given = second == null ? null : a.binding(second);
            List<Answer> answers = new ArrayList<>();
            Answer last = a.binding(primary).join();
            answers.add(last);
            // RFC 5780 §6: with two or more addresses each one names the next in OTHER-ADDRESS.
            while (last.answered() && last.other() != null && answers.size() < MAX_SERVER_ADDRESSES) {
                InetSocketAddress next = usable(last.other(), last.server());
                if (answers.stream().anyMatch(x -> x.server().equals(next)) || next.equals(second)) {
                    break;
                }
                last = a.binding(next).join();
                answers.add(last);
            }
            if (given != null) {
                answers.add(given.join());
            }
            List<Probe> probes = answers.stream().map(x -> probe(x, primary)).toList();
            Answer first = answers.stream().filter(Answer::answered).findFirst().orElse(null);
            if (first == null) {
                return unreachable(server, a.localAddress(), probes, answers.get(0).error());
            }
            return reachable(server, a, localIp, probes, first);
        }
    }

    private NetReport reachable(String server, ProbeSocket a, InetAddress localIp, List<Probe> probes, Answer first)
            throws IOException {
        InetSocketAddress local = a.localAddress();
        boolean behindNat = !first.mapped().equals(local);
        List<MappingBehavior.Observation> observations = probes.stream().filter(Probe::answered)
                .map(p -> new MappingBehavior.Observation(p.destination(), p.mapped())).toList();
        MappingBehavior mapping = MappingBehavior.classify(observations);
        long answered = probes.stream().filter(Probe::answered).count();
        Udp udp = new Udp(true, answered + " of " + probes.size() + " server addresses answered");
        InetSocketAddress any = new InetSocketAddress(localIp, 0);
        // Filtering runs on a fresh socket: socket A has already sent to the server's other
        // addresses, and the NAT would let their answers in as replies (RFC 5780 §4.4 tests a
        // mapping that has seen only the primary).
        try (ProbeSocket b = behindNat ? ProbeSocket.open(group, any, options.hairpin()) : null;
                ProbeSocket c = first.other() != null ? ProbeSocket.open(group, any, options.retransmission()) : null) {
            CompletableFuture<Answer> hairpin = b == null ? null : b.binding(first.mapped());
            CompletableFuture<List<Answer>> change = c == null ? null : c.binding(first.server()).thenCompose(testI -> {
                // RFC 5780 §4.4 tests II and III at once: from another IP and port, from another port.
                CompletableFuture<Answer> both = c.changeRequest(first.server(), true, true);
                CompletableFuture<Answer> port = c.changeRequest(first.server(), false, true);
                return both.thenCombine(port, (x, y) -> List.of(testI, x, y));
            });
            Latency latency = latency(a, first.server());
            return new NetReport(server, udp, local, probes, mapping, filtering(change), hairpin(hairpin, first.mapped()),
                    latency, Verdict.of(true, behindNat, mapping), elapsed());
        }
    }

    private NetReport unreachable(String server, InetSocketAddress local, List<Probe> probes, String why) {
        MappingBehavior mapping = new MappingBehavior(MappingBehavior.Kind.UNKNOWN, "no server address answered");
        return new NetReport(server, new Udp(false, why), local, probes, mapping,
                new Filtering(Filtering.NOT_TESTED, "UDP does not reach the server"),
                new Hairpin("not tested", "UDP does not reach the server"), Latency.NONE,
                Verdict.of(false, false, mapping), elapsed());
    }

    private Latency latency(ProbeSocket socket, InetSocketAddress server) {
        List<Duration> rtts = new ArrayList<>();
        for (int i = 0; i < options.latencySamples(); i++) {
            Answer answer = socket.binding(server).join();
            if (answer.answered()) {
                rtts.add(answer.rtt());
            }
        }
        if (rtts.isEmpty()) {
            return new Latency(null, 0, options.latencySamples());
        }
        rtts.sort(null);
        int n = rtts.size();
        Duration median = n % 2 == 1 ? rtts.get(n / 2) : rtts.get(n / 2 - 1).plus(rtts.get(n / 2)).dividedBy(2);
        return new Latency(median, n, options.latencySamples());
    }

    /** RFC 5780 §4.5: a Binding from a second local socket to the first one's mapped address. */
    private static Hairpin hairpin(CompletableFuture<Answer> sent, InetSocketAddress mapped) {
        if (sent == null) {
            return new Hairpin("not tested", "no NAT: the public address is this socket's own");
        }
        Answer answer = sent.join();
        if (answer.answered()) {
            return new Hairpin("yes", "a second local socket reached this one through " + HostPort.of(mapped));
        }
        return new Hairpin("no", "a Binding from a second local socket to " + HostPort.of(mapped) + ": " + answer.error());
    }

    /**
     * Filtering (RFC 4787 §5) as RFC 5780 §4.4 tests it: an answer from the server's other IP and
     * port passes → endpoint-independent; only one from its other port → address-dependent;
     * neither (while the server itself answers) → address-and-port-dependent.
     */
    private static Filtering filtering(CompletableFuture<List<Answer>> sent) {
        if (sent == null) {
            return new Filtering(Filtering.NOT_TESTED, "the server names no other address (no OTHER-ADDRESS)");
        }
        List<Answer> answers = sent.join();
        Answer both = answers.get(1);
        Answer port = answers.get(2);
        if (!answers.get(0).answered()) {
            return new Filtering(Filtering.NOT_TESTED, "the server did not answer a second local socket: "
                    + answers.get(0).error());
        }
        if (both.errorCode() == 420 || port.errorCode() == 420) {
            return new Filtering(Filtering.NOT_TESTED, "the server does not support CHANGE-REQUEST: it answered 420, RFC 5780 §6.1");
        }
        if (sameSource(both) || sameSource(port)) {
            return new Filtering(Filtering.NOT_TESTED, "the server ignored CHANGE-REQUEST and answered from the same address");
        }
        if (changed(both)) {
            return new Filtering("endpoint-independent", "an answer from the server's other address and port came in");
        }
        if (changed(port)) {
            return new Filtering("address-dependent", "an answer from the server's other port came in; one from its other address did not");
        }
        if (both.timedOut() && port.timedOut()) {
            return new Filtering("address-and-port-dependent", "no answer from the server's other port or address came in");
        }
        return new Filtering(Filtering.NOT_TESTED, "CHANGE-REQUEST: " + (both.error() != null ? both.error() : port.error()));
    }

    private static boolean changed(Answer answer) {
        return answer.source() != null && !answer.source().equals(answer.server());
    }

    private static boolean sameSource(Answer answer) {
        return answer.answered() && answer.server().equals(answer.source());
    }

    private static Probe probe(Answer answer, InetSocketAddress primary) {
        InetSocketAddress to = answer.server();
        String role = to.equals(primary) ? "primary"
                : to.getAddress().equals(primary.getAddress()) ? "second port" : "second address";
        return new Probe(to, role, answer.mapped(), answer.answered() ? null : answer.error(),
                answer.answered() ? answer.rtt() : null);
    }

    /** A server bound to a wildcard address advertises 0.0.0.0: use the IP we reached it on. */
    private static InetSocketAddress usable(InetSocketAddress advertised, InetSocketAddress asked) {
        return advertised.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(asked.getAddress(), advertised.getPort()) : advertised;
    }

    /** The local IP the kernel would send from towards {@code server}: a connect, no packet. */
    static InetAddress sourceAddressFor(InetSocketAddress server) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            InetAddress local = socket.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new IOException("the kernel chose no source address");
            }
            return local;
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
