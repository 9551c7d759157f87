package io.p2proxy.rendezvous.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import io.p2proxy.signal.ErrorCode;

/**
 * Applies the connection's {@link RateLimiter} to every text message before anything parses it.
 * Binary frames (relayed datagrams) pass: {@link RelayHandler} meters them by bytes.
 */
final class RateLimitHandler extends ChannelInboundHandlerAdapter {

    private final ServerContext server;
    private final Connection connection;
    private final RateLimiter limiter;

    RateLimitHandler(ServerContext server, Connection connection) {
        this.server = server;
        this.connection = connection;
        this.limiter = new RateLimiter(server.limits().messagesPerSecond(), server.limits().burst());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        switch (limiter.onMessage(server.nanoTime().getAsLong())) {
            case ALLOW -> ctx.fireChannelRead(msg);
            case REFUSE -> {
                ReferenceCountUtil.release(msg);
                Replies.error(ctx, server.metrics(), ErrorCode.RATE_LIMITED, "more than "
                        + server.limits().messagesPerSecond() + " messages/s; messages are dropped", null);
            }
            case DROP -> ReferenceCountUtil.release(msg);
            case CLOSE -> {
                ReferenceCountUtil.release(msg);
                connection.closeReason("rate limit exceeded");
                Replies.close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "rate limit exceeded");
            }
        }
    }
}
