package io.p2proxy.proxy.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.function.Supplier;

/** Assembles an accepted connection's pipeline: one protocol handler, which leaves once it has routed. */
public final class ProxyInitializer extends ChannelInitializer<SocketChannel> {

    private final Supplier<ChannelHandler> protocol;

    public ProxyInitializer(Supplier<ChannelHandler> protocol) {
        this.protocol = protocol;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(protocol.get());
    }
}
