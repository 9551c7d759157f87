package io.p2proxy.rendezvous.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Answers every HTTP request the WebSocket handler passed on (any path but /v1/signal): 404, or 400
 * when the bytes were not HTTP at all. Then closes: this port speaks nothing else.
 */
@Sharable
final class NotFoundHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final NotFoundHandler INSTANCE = new NotFoundHandler();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean garbage = request.decoderResult().isFailure();
        HttpResponseStatus status = garbage ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.NOT_FOUND;
        String body = garbage ? "not an HTTP request\n"
                : "not found: this server speaks WebSocket at /v1/signal\n";
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
