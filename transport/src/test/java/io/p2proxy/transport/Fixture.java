package io.p2proxy.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.PeerId;
import io.p2proxy.common.Transports;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A peer pair plus real TCP targets: "echo", "sink", and "refused" (a port nobody listens on). */
final class Fixture implements AutoCloseable {

    final EventLoopGroup targets = Nio.group(1, "test-target");
    final Channel echo = TcpServers.start(targets, TcpServers.Echo::new);
    final Channel sink = TcpServers.start(targets, TcpServers.Sink::new);
    final PeerPair pair;

    Fixture() {
        this(TransportConfig.defaults());
    }

    Fixture(TransportConfig config) {
        this(config, null, null, Map.of());
    }

    Fixture(TransportConfig config, PeerId aExpects, PeerId bExpects, Map<String, HostPort> extra) {
        Map<String, HostPort> published = new HashMap<>(extra);
        published.put("echo", TcpServers.address(echo));
        published.put("sink", TcpServers.address(sink));
        published.put("refused", new HostPort("127.0.0.1", freePort()));
        pair = new PeerPair(config, published, aExpects, bExpects);
    }

    static int freePort() {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        pair.close();
        echo.close().syncUninterruptibly();
        sink.close().syncUninterruptibly();
        targets.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
