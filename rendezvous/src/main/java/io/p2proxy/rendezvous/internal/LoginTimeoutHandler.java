package io.p2proxy.rendezvous.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not logged in within the limit of its TCP accept: a slow TLS or
 * HTTP client and a peer that never proves its key hold a socket for no longer than this. The
 * {@link LoginHandler} removes it on success. On expiry it fires {@link #EXPIRED} (so a WebSocket
 * peer is told why) and closes from its own position, under the WebSocket protocol handler.
 */
final class LoginTimeoutHandler extends ChannelInboundHandlerAdapter {

    static final Object EXPIRED = "login timeout";

    private final Duration timeout;
    private ScheduledFuture<?> timer;

    LoginTimeoutHandler(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> {
                ctx.fireUserEventTriggered(EXPIRED);
                ctx.close();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
