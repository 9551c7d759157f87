package io.p2proxy.stun.internal;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The end of a STUN server's pipeline: whatever nobody answered is released quietly. */
@Sharable
public final class DiscardHandler extends ChannelInboundHandlerAdapter {

    public static final DiscardHandler INSTANCE = new DiscardHandler();
    private static final Logger log = LoggerFactory.getLogger(DiscardHandler.class);

    private DiscardHandler() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // UDP errors (e.g. ICMP port unreachable on some platforms) must not close the server socket.
        log.debug("STUN socket {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
