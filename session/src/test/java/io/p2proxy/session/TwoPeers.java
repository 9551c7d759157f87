package io.p2proxy.session;

import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Identity;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.ResourceAddress;
import io.p2proxy.common.Transports;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.session.internal.IcePath;
import io.p2proxy.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two peers in one JVM, each with its own SessionManager and event loops; signaling is a direct
 * call standing in for the rendezvous server (which verifies the sender's name and id the same way).
 * {@code garage} publishes {@code echo}; {@code laptop} forwards a loopback port to it.
 */
final class TwoPeers implements AutoCloseable {

    final Identity laptopId = Identity.generate();
    final Identity garageId = Identity.generate();
    final EventLoopGroup laptopGroup = Transports.group(2, NamedThreadFactory.of("test-laptop"));
    final EventLoopGroup garageGroup = Transports.group(2, NamedThreadFactory.of("test-garage"));
    final SessionManager laptop;
    final SessionManager garage;
    final ForwardListener forward;
    volatile boolean serverUp = true;

    TwoPeers(InetSocketAddress echo, List<String> allow, Duration linger, IcePath.Factory ice) throws Exception {
        SessionSettings settings = new SessionSettings(linger, Duration.ofSeconds(10), TransportConfig.defaults(), ice,
                java.net.InetAddress.getLoopbackAddress());
        SessionManager[] both = new SessionManager[2];
        laptop = new SessionManager(laptopId, laptopGroup,
                (to, payload) -> serverUp && deliver(both[1], "laptop", laptopId, payload),
                new PublishResolver("laptop", List.of(new PeerConfig.Publish("echo", HostPort.of(echo), List.of("garage"))),
                        id -> both[0].nameOf(id)), KnownPeers.inMemory(), settings);
        both[0] = laptop;
        PeerConfig.Publish echoPublish = new PeerConfig.Publish("echo", HostPort.of(echo), allow);
        PeerConfig.Publish closed = new PeerConfig.Publish("closed", HostPort.parse("127.0.0.1:1"), List.of("*"));
        SessionManager[] garageRef = new SessionManager[1];
        garage = new SessionManager(garageId, garageGroup,
                (to, payload) -> serverUp && deliver(both[0], "garage", garageId, payload),
                new PublishResolver("garage", List.of(echoPublish, closed), id -> garageRef[0].nameOf(id)),
                KnownPeers.inMemory(), settings);
        garageRef[0] = garage;
        both[1] = garage;
        forward = ForwardListener.start(laptopGroup, laptop,
                new PeerConfig.Forward(HostPort.parse("127.0.0.1:0"), new ResourceAddress("garage", "echo")));
    }

    private static boolean deliver(SessionManager to, String from, Identity fromId, com.fasterxml.jackson.databind.JsonNode p) {
        to.onSignal(from, fromId.id().value(), p.deepCopy());
        return true;
    }

    ForwardListener forwardTo(String resource) throws Exception {
        return ForwardListener.start(laptopGroup, laptop,
                new PeerConfig.Forward(HostPort.parse("127.0.0.1:0"), new ResourceAddress("garage", resource)));
    }

    /** A forward at garage to laptop's echo: the reverse direction. */
    ForwardListener garageForward() throws Exception {
        return ForwardListener.start(garageGroup, garage,
                new PeerConfig.Forward(HostPort.parse("127.0.0.1:0"), new ResourceAddress("laptop", "echo")));
    }

    InetSocketAddress forwardAddress() {
        return forward.localAddress();
    }

    @Override
    public void close() {
        forward.close();
        laptop.close();
        garage.close();
        laptopGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        garageGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
