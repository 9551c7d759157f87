package io.p2proxy.proxy.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Transports;
import java.io.IOException;
import java.net.BindException;

/**
 * Binds a protocol listener. Accepted connections start on {@code acceptors} with AUTO_READ off
 * (a protocol handler reads only what it needs; the rest waits in the kernel until the splice) and
 * half-closure allowed from the start (a client's FIN must travel, not close the socket); they move
 * to their session's loop once the request names the peer ({@link SessionOpener}).
 */
public final class ProxyServer {

    private ProxyServer() {
    }

    public static Channel bind(EventLoopGroup acceptors, HostPort listen, ChannelHandler initializer, String label)
            throws IOException {
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptors, acceptors)
                .channel(Transports.serverSocket())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
        var bound = b.bind(listen.resolve()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            BindException e = new BindException(label + ": cannot listen on " + listen + ": " + bound.cause().getMessage());
            e.initCause(bound.cause());
            throw e;
        }
        return bound.channel();
    }
}
