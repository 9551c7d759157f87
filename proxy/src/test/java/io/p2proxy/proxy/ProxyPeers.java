package io.p2proxy.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
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
import io.p2proxy.testkit.EchoServer;
import io.p2proxy.transport.TransportConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two peers in one JVM on real ICE and QUIC over loopback (the session module's TwoPeers, with the
 * proxy listeners). Signaling is a direct call standing in for the rendezvous server; a signal to
 * any peer but {@code garage} comes back as "unknown peer", as the server answers. {@code garage}
 * publishes {@code web} (a JDK HTTP server), {@code echo}, {@code closed} (nothing listens) and
 * {@code secret} (allowed to nobody); {@code laptop} runs a SOCKS5 listener, a second one that
 * requires {@link #CREDENTIALS}, and an HTTP proxy listener.
 */
final class ProxyPeers implements AutoCloseable {

    static final PeerConfig.Credentials CREDENTIALS = new PeerConfig.Credentials("alice", "s3cret-pw");

    final EchoServer echo = new EchoServer();
    final HttpServer web;
    /** Request lines as the web server saw them: "GET /x HTTP/1.1 host=web.garage.p2p". */
    final Queue<String> seen = new ConcurrentLinkedQueue<>();
    final EventLoopGroup laptopGroup = Transports.group(2, NamedThreadFactory.of("test-laptop"));
    final EventLoopGroup garageGroup = Transports.group(2, NamedThreadFactory.of("test-garage"));
    final EventLoopGroup acceptors = Transports.group(1, NamedThreadFactory.of("test-accept"));
    final SessionManager laptop;
    final SessionManager garage;
    final SocksListener socks;
    final SocksListener socksAuth;
    final HttpProxyListener http;

    ProxyPeers() throws IOException {
        this(Duration.ofSeconds(30));
    }

    ProxyPeers(Duration linger) throws IOException {
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        web.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String line = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host="
                    + exchange.getRequestHeaders().getFirst("Host");
            seen.add(line);
            byte[] answer = ("hello from garage: " + line + " body=" + body.length + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        web.start();
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
                new PeerConfig.Publish("web", HostPort.of(web.getAddress()), List.of("laptop")),
                new PeerConfig.Publish("echo", HostPort.of(echo.address()), List.of("laptop")),
                new PeerConfig.Publish("closed", HostPort.parse("127.0.0.1:1"), List.of("*")),
                new PeerConfig.Publish("secret", HostPort.of(echo.address()), List.of("nobody")));
        garage = new SessionManager(garageId, garageGroup, (to, payload) -> deliver(both[0], "garage", garageId, payload),
                new PublishResolver("garage", published, id -> both[1].nameOf(id)), KnownPeers.inMemory(), settings);
        both[1] = garage;
        PeerConfig.Listener any = new PeerConfig.Listener(HostPort.parse("127.0.0.1:0"));
        socks = SocksListener.start(acceptors, laptop, new PeerConfig.Socks(any.listen(), null));
        socksAuth = SocksListener.start(acceptors, laptop, new PeerConfig.Socks(any.listen(), CREDENTIALS));
        http = HttpProxyListener.start(acceptors, laptop, any);
    }

    private static boolean deliver(SessionManager to, String from, Identity fromId, JsonNode p) {
        to.onSignal(from, fromId.id().value(), p.deepCopy());
        return true;
    }

    String socksAddress() {
        return "127.0.0.1:" + socks.localAddress().getPort();
    }

    String socksAuthAddress() {
        return "127.0.0.1:" + socksAuth.localAddress().getPort();
    }

    String httpAddress() {
        return "127.0.0.1:" + http.localAddress().getPort();
    }

    @Override
    public void close() {
        socks.close();
        socksAuth.close();
        http.close();
        laptop.close();
        garage.close();
        for (EventLoopGroup g : List.of(acceptors, laptopGroup, garageGroup)) {
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        web.stop(0);
        echo.close();
    }
}
