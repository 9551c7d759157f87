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

/**
 * Event loop groups and the matching channel classes: NIO by default, epoll with
 * {@code -Dp2proxy.epoll=true} where it loads.
 *
 * <p>Why not epoll by default: in Netty 4.2.18 an epoll socket whose reading is paused
 * (AUTO_READ off, which every splice does for backpressure) and whose peer then half-closes is
 * removed from the epoll set while Netty still believes it registered; the next read fails with
 * {@code epoll_ctl(..) failed with error(-2)} and the connection is closed, losing data. Large
 * transfers through a forward stalled or broke that way; with NIO the same tests pass. Revisit
 * when Netty is upgraded.
 */
public final class Transports {

    private static final boolean EPOLL = Boolean.getBoolean("p2proxy.epoll") && Epoll.isAvailable();

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
