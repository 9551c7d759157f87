package io.p2proxy.rendezvous.bench;

import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.Identity;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.signal.Backoff;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalListener;
import io.p2proxy.signal.SignalState;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The client half of the capacity benchmark: logs in N peers with real {@link SignalClient}s,
 * spread over loopback source addresses 127.0.0.2, 127.0.0.3, ... ({@code PER_SOURCE} each, to
 * stay clear of one address's ephemeral ports), in waves so the accept queue never overflows.
 * Prints progress and stays connected until killed.
 *
 * <p>Usage: {@code BenchClients PORT N [PER_SOURCE]}
 */
public final class BenchClients {

    static final String TOKEN = "bench-token";
    private static final int WAVE = 500;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int perSource = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        URI server = URI.create("ws://127.0.0.1:" + port);
        EventLoopGroup group = Transports.group(2, NamedThreadFactory.of("bench-clients"));
        AtomicInteger connected = new AtomicInteger();
        List<SignalClient> clients = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            InetAddress source = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i / perSource)});
            SignalClient c = SignalClient.builder(server, "peer-" + i, Identity.generate(), TOKEN)
                    .group(group).localAddress(source).loginTimeout(Duration.ofSeconds(60))
                    .backoff(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2))
                    .listener(new SignalListener() {
                        @Override
                        public void stateChanged(SignalState state, String reason) {
                            if (state == SignalState.CONNECTED) {
                                connected.incrementAndGet();
                            } else if (state == SignalState.DISCONNECTED) {
                                System.out.println("[bench-clients] disconnected: " + reason);
                            }
                        }
                    }).build();
            clients.add(c.start());
            if ((i + 1) % WAVE == 0) {
                while (connected.get() < i + 1 - WAVE / 2) {
                    LockSupport.parkNanos(10_000_000L); // a program, not a test: pace the waves
                }
                if ((i + 1) % 5000 == 0) {
                    System.out.printf("[bench-clients] %d started, %d connected, %.1f s%n", i + 1, connected.get(),
                            (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        while (connected.get() < n && System.nanoTime() - t0 < 600_000_000_000L) {
            LockSupport.parkNanos(100_000_000L);
        }
        System.out.printf("[bench-clients] READY %d of %d connected in %.1f s%n", connected.get(), n,
                (System.nanoTime() - t0) / 1e9);
        Thread.currentThread().join();
    }
}
