package io.p2proxy.common;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/** Epoll where it loads, NIO otherwise: event loop groups and the matching channel classes. */
public final class Transports {

    private static final boolean EPOLL = Epoll.isAvailable() && !Boolean.getBoolean("p2proxy.nio");

    private Transports() {
    }

    public static boolean epoll() {
        return EPOLL;
    }

    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    public static EventLoopGroup group(int threads, ThreadFactory threadFactory) {
        IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, io);
    }

    public static Class<? extends SocketChannel> socket() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerSocketChannel> serverSocket() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends DatagramChannel> datagram() {
        return EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }
}
