package io.p2proxy.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.p2proxy.common.NamedThreadFactory;

/**
 * NIO loops for tests and benchmarks: the transport needs NIO for its spliced TCP sockets (see
 * QuicPeerConnection, "Event loop"), and so do the targets, which pause reading under backpressure.
 */
final class Nio {

    private Nio() {
    }

    static EventLoopGroup group(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, NamedThreadFactory.of(name), NioIoHandler.newFactory());
    }

    static Class<NioServerSocketChannel> serverSocket() {
        return NioServerSocketChannel.class;
    }

    static Class<NioDatagramChannel> datagram() {
        return NioDatagramChannel.class;
    }
}
