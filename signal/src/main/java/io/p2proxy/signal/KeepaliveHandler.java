package io.p2proxy.signal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket keepalive for both ends: after {@code interval} without reading anything, send a ping;
 * after a second silent interval, declare the connection dead (fire {@link #DEAD}, then close).
 * A dead peer is thus found within two intervals. Install it once the WebSocket handshake is done,
 * in front of the protocol handler so that pongs count as traffic before they are dropped.
 */
public final class KeepaliveHandler extends IdleStateHandler {

    /** User event fired just before a dead connection is closed, so the tail can name the reason. */
    public static final Object DEAD = "keepalive timeout";

    public KeepaliveHandler(Duration interval) {
        super(interval.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        if (evt.isFirst()) {
            ctx.writeAndFlush(new PingWebSocketFrame());
        } else {
            ctx.fireUserEventTriggered(DEAD);
            ctx.close();
        }
    }
}
