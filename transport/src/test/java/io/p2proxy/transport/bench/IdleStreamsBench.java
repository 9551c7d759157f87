package io.p2proxy.transport.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Identity;
import io.p2proxy.common.PeerId;
import io.p2proxy.testkit.ChildJvm;
import io.p2proxy.testkit.Fds;
import io.p2proxy.transport.ConnectionStats;
import io.p2proxy.transport.QuicPeerConnection;
import io.p2proxy.transport.StreamResolver;
import io.p2proxy.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The many-idle-streams requirement: with IDLE concurrent open proxied connections to one peer, a
 * bulk transfer on one more keeps >= 80 % of its solo throughput.
 *
 * <p>10,000 proxied connections take ~40,000 sockets end to end and a process may open 20,000, so
 * the parts run as four processes: this one is peer A (the forward listener: one accepted socket
 * per connection), and children run peer B (one target socket each), the TCP sink (one accepted
 * socket each) and the idle clients (one socket each). Every idle connection is a real proxied
 * TCP connection with its QUIC stream, spread over QUIC connections as {@code streamsPerConnection}
 * says. Bulk runs before the idle connections exist, while they are all open, and after they are
 * gone; the ratio is "with idle" over the mean of the two solo medians.
 *
 * <p>Usage: {@code IdleStreamsBench [idle] [MiB per bulk run] [streamsPerConnection] [runs]};
 * bench/transport-idle-streams.sh runs it.
 */
public final class IdleStreamsBench {

    public static void main(String[] args) throws Exception {
        String role = System.getProperty("bench.role", "peer-a");
        switch (role) {
            case "sink" -> sink();
            case "peer-b" -> peerB(new PeerId(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]));
            case "clients" -> clients(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
            default -> peerA(args.length > 0 ? Integer.parseInt(args[0]) : 10_000,
                    (args.length > 1 ? Long.parseLong(args[1]) : 256) << 20,
                    args.length > 2 ? Integer.parseInt(args[2]) : TransportConfig.defaults().streamsPerConnection(),
                    args.length > 3 ? Integer.parseInt(args[3]) : 3);
        }
    }

    static TransportConfig config(int streamsPerConnection) {
        TransportConfig d = TransportConfig.defaults();
        return d.withStreams(streamsPerConnection, Math.max(d.maxConnections(), 20_000 / streamsPerConnection + 2),
                d.maxPendingOpens());
    }

    private static void peerA(int requested, long bytes, int spc, int runs) throws Exception {
        // Streams go to the least loaded connection, so the bulk stream shares its connection with
        // as few idle streams as any connection has. Worst case (the default): every connection full
        // but one slot, so the bulk lands next to streamsPerConnection - 1 idle streams.
        int idle = Boolean.parseBoolean(System.getProperty("bench.worstCase", "true"))
                ? (requested + spc - 1) / spc * spc - 1 : requested;
        idle = Math.max(idle, requested);
        if (idle != requested) {
            System.out.printf("idle %d -> %d: the bulk stream joins a connection with %d idle streams%n",
                    requested, idle, spc - 1);
        }
        Path work = Files.createTempDirectory("idle-bench");
        List<String> jvm = List.of("-Xmx768m", "-XX:+UseSerialGC", "-Dio.netty.leakDetection.level=disabled");
        EventLoopGroup loops = BenchSupport.group(1, "bench-peer-a");
        try (ChildJvm sink = ChildJvm.start("sink", work, IdleStreamsBench.class.getName(), role(jvm, "sink"))) {
            int sinkPort = Integer.parseInt(sink.awaitLine(l -> l.startsWith("sink port "), Duration.ofSeconds(30))
                    .substring("sink port ".length()).trim());
            Identity idA = Identity.generate();
            DatagramChannel udpA = BenchSupport.udp(loops.next());
            try (ChildJvm b = ChildJvm.start("peer-b", work, IdleStreamsBench.class.getName(), role(jvm, "peer-b"),
                    idA.id().toString(), String.valueOf(BenchSupport.port(udpA)), String.valueOf(sinkPort),
                    String.valueOf(spc))) {
                String[] hello = b.awaitLine(l -> l.startsWith("peer-b "), Duration.ofSeconds(30)).trim().split(" ");
                InetSocketAddress udpB = new InetSocketAddress("127.0.0.1", Integer.parseInt(hello[2]));
                QuicPeerConnection a = QuicPeerConnection.dial(udpA, idA, new PeerId(hello[4]), udpB,
                        StreamResolver.refuseAll(), config(spc));
                Queue<Future<Void>> opens = BenchSupport.queue();
                Channel forward = BenchSupport.forward(a, "sink", opens);
                int port = BenchSupport.port(forward);
                BenchSupport.bulk(port, 64L << 20); // warm-up
                double soloBefore = measure("solo (before)", port, bytes, runs);

                long fdsBefore = Fds.count();
                long start = System.nanoTime();
                ChildJvm clients = ChildJvm.start("clients", work, IdleStreamsBench.class.getName(), role(jvm, "clients"),
                        String.valueOf(port), String.valueOf(idle));
                clients.awaitLine(l -> l.startsWith("clients connected"), Duration.ofSeconds(300));
                long answered = awaitAnswered(opens, 1 + runs + idle, Duration.ofSeconds(300)); // warm-up, solo runs, idle
                if (answered < 1 + runs + idle) {
                    System.out.printf("WARNING: only %d of %d opens succeeded%n", answered, 1 + runs + idle);
                }
                ConnectionStats busy = a.stats().get();
                System.out.printf("%d idle proxied connections open in %.1f s: %d answered OK; A: %s; descriptors here +%d%n",
                        idle, (System.nanoTime() - start) / 1e9, answered, busy, Fds.count() - fdsBefore);
                double withIdle = measure("with " + idle + " idle", port, bytes, runs);
                ConnectionStats during = a.stats().get();
                clients.close();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (a.stats().get().openStreams() > 0 && System.nanoTime() < deadline) {
                    a.eventLoop().schedule(() -> { }, 200, TimeUnit.MILLISECONDS).await();
                }
                double soloAfter = measure("solo (after)", port, bytes, runs);
                double solo = (soloBefore + soloAfter) / 2;
                System.out.printf("RESULT streamsPerConnection=%d idle=%d quicConnections=%d: solo %.1f MiB/s "
                                + "(before %.1f, after %.1f), with idle %.1f MiB/s, ratio %.2f (target >= 0.80)%n",
                        spc, idle, during.quicConnections(), solo, soloBefore, soloAfter, withIdle, withIdle / solo);
                forward.close().syncUninterruptibly();
                a.close().await(10, TimeUnit.SECONDS);
                udpA.close().syncUninterruptibly();
            }
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static List<String> role(List<String> jvm, String role) {
        List<String> all = new ArrayList<>(jvm);
        all.add("-Dbench.role=" + role);
        return all;
    }

    private static double measure(String what, int port, long bytes, int runs) throws Exception {
        double[] v = new double[runs];
        for (int i = 0; i < runs; i++) {
            v[i] = BenchSupport.bulk(port, bytes);
        }
        double m = BenchSupport.median(v);
        System.out.printf("%s: %s MiB/s, median %.1f%n", what, java.util.Arrays.toString(
                java.util.Arrays.stream(v).map(x -> Math.round(x * 10) / 10.0).toArray()), m);
        return m;
    }

    /** Waits until {@code count} opens have an answer; returns how many succeeded. */
    private static long awaitAnswered(Queue<Future<Void>> opens, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long done = opens.stream().filter(Future::isDone).count();
            if (opens.size() >= count && done >= opens.size()) {
                break;
            }
            new CountDownLatch(1).await(200, TimeUnit.MILLISECONDS);
        }
        return opens.stream().filter(f -> f.isDone() && f.isSuccess()).count();
    }

    private static void sink() throws Exception {
        EventLoopGroup group = BenchSupport.group(1, "bench-sink");
        Channel sink = BenchSupport.sink(group);
        System.out.println("sink port " + BenchSupport.port(sink));
        new CountDownLatch(1).await(); // until killed
    }

    private static void peerB(PeerId a, int udpPortA, int sinkPort, int spc) throws Exception {
        EventLoopGroup loops = BenchSupport.group(1, "bench-peer-b");
        Identity idB = Identity.generate();
        DatagramChannel udpB = BenchSupport.udp(loops.next());
        HostPort target = new HostPort("127.0.0.1", sinkPort);
        QuicPeerConnection.accept(udpB, idB, a, new InetSocketAddress("127.0.0.1", udpPortA),
                (peer, name) -> StreamResolver.Resolution.target(target), config(spc));
        System.out.println("peer-b udp " + BenchSupport.port(udpB) + " id " + idB.id());
        new CountDownLatch(1).await(); // until killed
    }

    private static void clients(int port, int count) throws Exception {
        List<Socket> open = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Socket s = new Socket("127.0.0.1", port);
            s.setTcpNoDelay(true);
            open.add(s);
        }
        System.out.println("clients connected " + open.size());
        new CountDownLatch(1).await(); // until killed: every connection stays open and idle
    }
}
