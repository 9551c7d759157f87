package io.p2proxy.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Identity;
import io.p2proxy.common.PeerId;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Two peers on loopback: two UDP sockets on 127.0.0.1 stand in for ICE's selected pair. Peer A
 * dials and runs forward listeners (like ssh -L) that open one stream per accepted client; peer
 * B accepts and publishes {@code published}, refusing the names in {@code denied} as an ACL would.
 * Each peer runs on its own event loop.
 */
final class PeerPair implements AutoCloseable {

    final EventLoopGroup loops = Nio.group(2, "test-peer");
    final Identity idA = Identity.generate();
    final Identity idB = Identity.generate();
    final EventLoop loopA = loops.next();
    final EventLoop loopB = loops.next();
    final DatagramChannel udpA = udp(loopA);
    final DatagramChannel udpB = udp(loopB);
    final QuicPeerConnection a;
    final QuicPeerConnection b;
    final Channel listener;
    final Queue<io.netty.util.concurrent.Future<Void>> opens = new ConcurrentLinkedQueue<>();
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();

    PeerPair(TransportConfig config, Map<String, HostPort> published) {
        this(config, published, Set.of(), null, null);
    }

    /** {@code aExpects}/{@code bExpects}: the ids each side pins, or {@code null} for the real ones. */
    PeerPair(TransportConfig config, Map<String, HostPort> published, Set<String> denied, PeerId aExpects,
             PeerId bExpects) {
        this(config, config, published, denied, aExpects, bExpects);
    }

    PeerPair(TransportConfig config, TransportConfig configB, Map<String, HostPort> published, Set<String> denied,
             PeerId aExpects, PeerId bExpects) {
        StreamResolver resolver = (peer, name) -> published.containsKey(name) && !denied.contains(name)
                ? StreamResolver.Resolution.target(published.get(name))
                : StreamResolver.Resolution.refuse(OpenError.NOT_FOUND_OR_DENIED);
        b = QuicPeerConnection.accept(udpB, idB, bExpects != null ? bExpects : idA.id(), address(udpA), resolver, configB);
        a = QuicPeerConnection.dial(udpA, idA, aExpects != null ? aExpects : idB.id(), address(udpB),
                StreamResolver.refuseAll(), config);
        listener = listen("echo");
    }

    /** A forward listener at A: each client it accepts gets a stream to {@code resource} at B. */
    Channel listen(String resource) {
        Channel ch = new ServerBootstrap().group(loopA, loopA).channel(Nio.serverSocket())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        opens.add(a.openStream(resource, OpenMetadata.lenient(String.valueOf(ch.remoteAddress()), "test"), ch));
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        listeners.add(ch);
        return ch;
    }

    InetSocketAddress forward(String resource) {
        return address(listen(resource));
    }

    private static DatagramChannel udp(EventLoop loop) {
        return (DatagramChannel) new Bootstrap().group(loop).channel(Nio.datagram())
                .option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new ChannelInboundHandlerAdapter())
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    static InetSocketAddress address(Channel ch) {
        return (InetSocketAddress) ch.localAddress();
    }

    int listenPort() {
        return address(listener).getPort();
    }

    InetSocketAddress echoAddress() {
        return address(listener);
    }

    @Override
    public void close() {
        a.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        b.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        for (Channel l : listeners) {
            l.close().syncUninterruptibly();
        }
        udpA.close().syncUninterruptibly();
        udpB.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
