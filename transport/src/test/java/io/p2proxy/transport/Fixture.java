package io.p2proxy.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.PeerId;
import io.p2proxy.testkit.EchoServer;
import io.p2proxy.testkit.FreePort;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A peer pair plus real TCP targets: "echo" (Netty, half-close aware), "sink", "bio" (the testkit's
 * blocking echo, which counts resets), "refused" (a port nobody listens on) and "denied" (exists,
 * but the resolver refuses it as an ACL would).
 */
final class Fixture implements AutoCloseable {

    final EventLoopGroup targets = Nio.group(1, "test-target");
    final Channel echo = TcpServers.start(targets, TcpServers.Echo::new);
    final Channel sink = TcpServers.start(targets, TcpServers.Sink::new);
    final EchoServer bio = new EchoServer();
    final PeerPair pair;

    Fixture() {
        this(TransportConfig.defaults());
    }

    Fixture(TransportConfig config) {
        this(config, null, null, Map.of());
    }

    Fixture(TransportConfig config, PeerId aExpects, PeerId bExpects, Map<String, HostPort> extra) {
        this(config, config, aExpects, bExpects, extra);
    }

    /** {@code configB}: the acceptor's own tuning, when it differs from the dialer's. */
    Fixture(TransportConfig config, TransportConfig configB, PeerId aExpects, PeerId bExpects, Map<String, HostPort> extra) {
        Map<String, HostPort> published = new HashMap<>(extra);
        published.put("echo", TcpServers.address(echo));
        published.put("sink", TcpServers.address(sink));
        published.put("bio", HostPort.of(bio.address()));
        published.put("denied", HostPort.of(bio.address()));
        published.put("refused", new HostPort("127.0.0.1", FreePort.tcp()));
        pair = new PeerPair(config, configB, published, Set.of("denied"), aExpects, bExpects);
    }

    static int freePort() {
        return FreePort.tcp();
    }

    @Override
    public void close() {
        pair.close();
        bio.close();
        echo.close().syncUninterruptibly();
        sink.close().syncUninterruptibly();
        targets.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
