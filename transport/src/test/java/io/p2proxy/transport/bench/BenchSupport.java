package io.p2proxy.transport.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.Future;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.transport.OpenMetadata;
import io.p2proxy.transport.QuicPeerConnection;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Pieces the transport benchmarks share: a TCP sink, a bulk client, NIO loops, a forward listener. */
final class BenchSupport {

    private BenchSupport() {
    }

    static EventLoopGroup group(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, NamedThreadFactory.of(name), NioIoHandler.newFactory());
    }

    static DatagramChannel udp(EventLoop loop) {
        return (DatagramChannel) new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new ChannelInboundHandlerAdapter())
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    /** Discards input; at the client's FIN writes the byte count (8 bytes) and closes. */
    static Channel sink(EventLoopGroup group) {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            long count;

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                count += ((ByteBuf) msg).readableBytes();
                                ((ByteBuf) msg).release();
                            }

                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (evt instanceof ChannelInputShutdownEvent) {
                                    ctx.writeAndFlush(Unpooled.buffer(8).writeLong(count))
                                            .addListener(ChannelFutureListener.CLOSE);
                                }
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    /** A forward (like ssh -L) on {@code loop}: each accepted client gets a stream to {@code resource}. */
    static Channel forward(QuicPeerConnection peer, String resource, Queue<Future<Void>> opens) {
        return new ServerBootstrap().group(peer.eventLoop(), peer.eventLoop()).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        opens.add(peer.openStream(resource, OpenMetadata.lenient(String.valueOf(ch.remoteAddress()), "bench"), ch));
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    static Queue<Future<Void>> queue() {
        return new ConcurrentLinkedQueue<>();
    }

    /** Sends {@code bytes} to {@code port}, half-closes, waits for the sink's count: MiB/s. */
    static double bulk(int port, long bytes) throws IOException {
        byte[] chunk = new byte[128 * 1024];
        new java.util.Random(1).nextBytes(chunk);
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(120_000);
            OutputStream out = s.getOutputStream();
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            s.shutdownOutput();
            long got = new DataInputStream(s.getInputStream()).readLong();
            if (got != bytes) {
                throw new IOException("sink counted " + got + " bytes (expected: " + bytes + ")");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return bytes / (1024.0 * 1024.0) / seconds;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    static int port(Channel ch) {
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    static InetSocketAddress address(Channel ch) {
        return (InetSocketAddress) ch.localAddress();
    }
}
