package io.p2proxy.rendezvous.bench;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import io.p2proxy.common.HostPort;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.rendezvous.RendezvousServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server half of the capacity benchmark (run by bench/signal-capacity.sh, alone in its JVM so
 * its memory is the server's): measures heap-after-GC and RSS with no peers, waits until
 * {@code expected} peers are online (or the count stops growing for 30 s), measures again, prints
 * one line per measurement, and keeps serving until killed.
 *
 * <p>Usage: {@code BenchServer PORT EXPECTED}
 */
public final class BenchServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int expected = Integer.parseInt(args[1]);
        ServerConfig config = new ServerConfig(null, new HostPort("127.0.0.1", port), List.of(), null,
                BenchClients.TOKEN, null, false, null);
        try (RendezvousServer server = RendezvousServer.start(config)) {
            Sample base = Sample.take(0);
            System.out.println("[bench-server] pid " + ProcessHandle.current().pid() + " listening; baseline " + base);
            int last = -1;
            long lastChange = System.nanoTime();
            Sample half = null;
            while (true) {
                int online = server.status().peers().size();
                if (half == null && online >= expected / 2) {
                    half = Sample.take(online);
                    System.out.println("[bench-server] half     " + half);
                }
                if (online != last) {
                    last = online;
                    lastChange = System.nanoTime();
                }
                boolean stalled = online > 0 && System.nanoTime() - lastChange > 30_000_000_000L;
                if (online >= expected || stalled) {
                    break;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L); // a program, not a test
            }
            Sample full = Sample.take(last);
            System.out.println("[bench-server] loaded   " + full);
            System.out.printf("[bench-server] RESULT peers=%d heap_per_peer=%d B rss_per_peer=%d B direct_per_peer=%d B%n",
                    last, (full.heap - base.heap) / last, (full.rss - base.rss) / last,
                    (full.direct - base.direct) / last);
            if (half != null && full.peers > half.peers) {
                // the marginal cost: fixed costs (JIT code, classes, pools) cancel out between two loads
                int more = full.peers - half.peers;
                System.out.printf("[bench-server] MARGINAL %d->%d peers: heap_per_peer=%d B rss_per_peer=%d B%n",
                        half.peers, full.peers, (full.heap - half.heap) / more, (full.rss - half.rss) / more);
            }
            System.out.flush();
            Thread.currentThread().join(); // serve until the script kills us
        }
    }

    private record Sample(int peers, long heap, long rss, long direct) {
        static Sample take(int peers) throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            long direct = PlatformDependent.usedDirectMemory() >= 0 ? PlatformDependent.usedDirectMemory()
                    : PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
            return new Sample(peers, heap, rss, direct);
        }

        @Override
        public String toString() {
            return String.format("peers=%d heap=%.1f MiB rss=%.1f MiB direct=%.1f MiB", peers, heap / 1048576.0,
                    rss / 1048576.0, direct / 1048576.0);
        }
    }
}
