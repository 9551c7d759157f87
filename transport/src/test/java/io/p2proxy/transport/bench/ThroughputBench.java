package io.p2proxy.transport.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Identity;
import io.p2proxy.common.Transports;
import io.p2proxy.transport.QuicPeerConnection;
import io.p2proxy.transport.StreamResolver;
import io.p2proxy.transport.TransportConfig;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * One bulk stream through the full stack on loopback (client TCP, forward at A, splice, QUIC,
 * splice at B, TCP sink) against direct TCP to the same sink, in one run: MiB/s and the ratio.
 * Usage: {@code ThroughputBench [MiB per run] [runs]}; bench/transport-throughput.sh runs it.
 */
public final class ThroughputBench {

    public static void main(String[] args) throws Exception {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 256) << 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        EventLoopGroup peers = BenchSupport.group(2, "bench-peer");
        EventLoopGroup sinks = BenchSupport.group(1, "bench-sink");
        try {
            Channel sink = BenchSupport.sink(sinks);
            Identity idA = Identity.generate();
            Identity idB = Identity.generate();
            DatagramChannel udpA = BenchSupport.udp(peers.next());
            DatagramChannel udpB = BenchSupport.udp(peers.next());
            TransportConfig config = TransportConfig.defaults();
            HostPort target = HostPort.of(BenchSupport.address(sink));
            QuicPeerConnection b = QuicPeerConnection.accept(udpB, idB, idA.id(), BenchSupport.address(udpA),
                    (peer, name) -> StreamResolver.Resolution.target(target), config);
            QuicPeerConnection a = QuicPeerConnection.dial(udpA, idA, idB.id(), BenchSupport.address(udpB),
                    StreamResolver.refuseAll(), config);
            Queue<Future<Void>> opens = BenchSupport.queue();
            Channel forward = BenchSupport.forward(a, "sink", opens);
            BenchSupport.bulk(BenchSupport.port(forward), 64L << 20); // warm-up: JIT, handshake, windows
            BenchSupport.bulk(BenchSupport.port(sink), 64L << 20);
            double[] tunnel = new double[runs];
            double[] direct = new double[runs];
            for (int i = 0; i < runs; i++) { // interleaved: both see the same machine load
                direct[i] = BenchSupport.bulk(BenchSupport.port(sink), bytes);
                tunnel[i] = BenchSupport.bulk(BenchSupport.port(forward), bytes);
                System.out.printf("run %d: direct TCP %.0f MiB/s, p2proxy transport %.1f MiB/s%n", i + 1, direct[i], tunnel[i]);
            }
            double t = BenchSupport.median(tunnel);
            double d = BenchSupport.median(direct);
            System.out.printf("transport=%s bytes=%d MiB runs=%d%n", Transports.name(), bytes >> 20, runs);
            System.out.printf("median: direct TCP %.0f MiB/s, transport %.1f MiB/s (%.2f Gbit/s), ratio %.3f (%.1fx slower)%n",
                    d, t, t * 8 * 1.048576 / 1000, t / d, d / t);
            System.out.println("stats A " + a.stats().get());
            forward.close().syncUninterruptibly();
            a.close().await(5, TimeUnit.SECONDS);
            b.close().await(5, TimeUnit.SECONDS);
            udpA.close().syncUninterruptibly();
            udpB.close().syncUninterruptibly();
            sink.close().syncUninterruptibly();
        } finally {
            peers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            sinks.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
