package io.p2proxy.rtsp;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Identity;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.ice.IceConfig;
import io.p2proxy.session.KnownPeers;
import io.p2proxy.session.PublishResolver;
import io.p2proxy.session.SessionManager;
import io.p2proxy.session.SessionSettings;
import io.p2proxy.session.internal.AgentPath;
import io.p2proxy.transport.TransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two peers in one JVM on real ICE and QUIC over loopback (the session module's TwoPeers, with the
 * RTSP listener). Signaling is a direct call standing in for the rendezvous server; a signal to any
 * peer but {@code garage} comes back as "unknown peer". {@code garage} publishes {@code camera} (the
 * test's RTSP server), {@code closed} (nothing listens) and {@code secret} (allowed to nobody);
 * {@code laptop} runs the RTSP listener.
 */
final class RtspPeers implements AutoCloseable {

    final EventLoopGroup laptopGroup = Transports.group(2, NamedThreadFactory.of("test-laptop"));
    final EventLoopGroup garageGroup = Transports.group(2, NamedThreadFactory.of("test-garage"));
    final EventLoopGroup acceptors = Transports.group(1, NamedThreadFactory.of("test-accept"));
    final SessionManager laptop;
    final SessionManager garage;
    final RtspListener rtsp;
    /** A bulk service at garage and laptop's forward to it: traffic that shares the session with the players. */
    final io.p2proxy.testkit.EchoServer bulk = new io.p2proxy.testkit.EchoServer();
    final io.p2proxy.session.ForwardListener bulkForward;

    RtspPeers(InetSocketAddress camera, Duration linger) throws Exception {
        Identity laptopId = Identity.generate();
        Identity garageId = Identity.generate();
        SessionSettings settings = new SessionSettings(linger, Duration.ofSeconds(10),
                TransportConfig.defaults(), AgentPath.factory(IceConfig.defaults()), InetAddress.getLoopbackAddress());
        SessionManager[] both = new SessionManager[2];
        laptop = new SessionManager(laptopId, laptopGroup, (to, payload) -> {
            if (!to.equals("garage")) {
                laptopGroup.execute(() -> both[0].onPeerUnreachable(to, "no peer named " + to + " on the server"));
                return true;
            }
            return deliver(both[1], "laptop", laptopId, payload);
        }, new PublishResolver("laptop", List.of(), id -> both[0].nameOf(id)), KnownPeers.inMemory(), settings);
        both[0] = laptop;
        List<PeerConfig.Publish> published = List.of(
                new PeerConfig.Publish("camera", HostPort.of(camera), List.of("laptop")),
                new PeerConfig.Publish("closed", HostPort.parse("127.0.0.1:1"), List.of("*")),
                new PeerConfig.Publish("secret", HostPort.of(camera), List.of("nobody")),
                new PeerConfig.Publish("bulk", HostPort.of(bulk.address()), List.of("laptop")));
        garage = new SessionManager(garageId, garageGroup, (to, payload) -> deliver(both[0], "garage", garageId, payload),
                new PublishResolver("garage", published, id -> both[1].nameOf(id)), KnownPeers.inMemory(), settings);
        both[1] = garage;
        rtsp = RtspListener.start(acceptors, laptop, new PeerConfig.Listener(HostPort.parse("127.0.0.1:0")));
        bulkForward = io.p2proxy.session.ForwardListener.start(acceptors, laptop, new PeerConfig.Forward(
                HostPort.parse("127.0.0.1:0"), new io.p2proxy.common.ResourceAddress("garage", "bulk")));
    }

    private static boolean deliver(SessionManager to, String from, Identity fromId, JsonNode p) {
        to.onSignal(from, fromId.id().value(), p.deepCopy());
        return true;
    }

    /** {@code rtsp://127.0.0.1:PORT/} + path, e.g. {@code garage/camera/test}. */
    String url(String path) {
        return "rtsp://127.0.0.1:" + rtsp.localAddress().getPort() + "/" + path;
    }

    int streams() {
        return laptop.sessions().stream().mapToInt(s -> s.streams()).sum()
                + garage.sessions().stream().mapToInt(s -> s.streams()).sum();
    }

    @Override
    public void close() {
        rtsp.close();
        bulkForward.close();
        bulk.close();
        laptop.close();
        garage.close();
        for (EventLoopGroup g : List.of(acceptors, laptopGroup, garageGroup)) {
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
