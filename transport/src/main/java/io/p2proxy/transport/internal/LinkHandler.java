package io.p2proxy.transport.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamLimitChangedEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The QUIC connection's own pipeline: reports its life to {@link PeerCore}, bounds the handshake,
 * and keeps the connection alive with a 1-byte DATAGRAM frame (RFC 9221; ack-eliciting, so it
 * restarts both sides' idle timers, RFC 9000 section 10.1.2) every keepalive interval.
 */
final class LinkHandler extends ChannelInboundHandlerAdapter {

    private static final byte[] PING = {0};
    private final QuicLink link;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> keepalive;

    LinkHandler(QuicLink link) {
        this.link = link;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        link.channel = (QuicChannel) ctx.channel();
        ctx.channel().attr(QuicLink.KEY).set(link);
        long limit = link.core().config().connectTimeout().toMillis();
        handshakeTimer = ctx.executor().schedule(() -> {
            if (!link.up) {
                link.failure = new io.netty.channel.ConnectTimeoutException("QUIC handshake took over " + limit + " ms");
                ctx.close();
            }
        }, limit, TimeUnit.MILLISECONDS);
        // closeFuture, not channelInactive: a connection that never came up is never inactive.
        ctx.channel().closeFuture().addListener(f -> closed());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshakeTimer.cancel(false);
        link.up = true;
        long every = link.core().config().keepalive().toMillis();
        keepalive = ctx.executor().scheduleAtFixedRate(
                () -> ctx.writeAndFlush(Unpooled.wrappedBuffer(PING)), every, every, TimeUnit.MILLISECONDS);
        link.core().linkUp(link);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof io.netty.buffer.ByteBuf datagram) {
            datagram.release(); // keepalive: its arrival is all that counts
        } else {
            ctx.fireChannelRead(msg); // a new stream: Netty's acceptor at the tail registers it
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof QuicStreamLimitChangedEvent) {
            link.core().drain();
        } else if (evt instanceof QuicConnectionCloseEvent close) {
            link.closeEvent = close;
        } else if (evt instanceof SslHandshakeCompletionEvent hs) {
            if (hs.isSuccess()) {
                link.core().authenticatedByHandshake();
            } else {
                link.failure = hs.cause();
            }
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (link.failure == null) {
            link.failure = cause;
        }
    }

    private void closed() {
        handshakeTimer.cancel(false);
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        link.core().linkDown(link);
    }
}
