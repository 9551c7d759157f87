package io.p2proxy.admin.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers GET /status (JSON) and GET /metrics (Prometheus text 0.0.4); everything else gets a short error. */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Supplier<?> status;
    private final PrometheusMeterRegistry registry;

    AdminHandler(Supplier<?> status, PrometheusMeterRegistry registry) {
        this.status = status;
        this.registry = registry;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.decoderResult().isFailure()) {
            Throwable cause = req.decoderResult().cause();
            HttpResponseStatus code = cause instanceof TooLongHttpHeaderException
                    ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : HttpResponseStatus.BAD_REQUEST;
            // The decoder cannot find the next request after a bad one: answer and close.
            FullHttpResponse res = text(HttpVersion.HTTP_1_1, code, code.reasonPhrase());
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        if (!path.equals("/status") && !path.equals("/metrics")) {
            send(ctx, req, text(req.protocolVersion(), HttpResponseStatus.NOT_FOUND, "not found: " + path));
            return;
        }
        if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse res = text(req.protocolVersion(), HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method not allowed: " + req.method() + " (expected: GET)");
            res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(ctx, req, res);
            return;
        }
        send(ctx, req, path.equals("/status") ? status(req) : metrics(req));
    }

    private FullHttpResponse status(FullHttpRequest req) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(status.get());
        } catch (Exception e) {
            log.warn("admin: GET /status failed: {}", e.toString());
            return text(req.protocolVersion(), HttpResponseStatus.INTERNAL_SERVER_ERROR, "status unavailable");
        }
        return response(req.protocolVersion(), HttpResponseStatus.OK, JSON, Unpooled.wrappedBuffer(json));
    }

    private FullHttpResponse metrics(FullHttpRequest req) {
        byte[] text = registry.scrape().getBytes(StandardCharsets.UTF_8);
        return response(req.protocolVersion(), HttpResponseStatus.OK, PROMETHEUS_TEXT, Unpooled.wrappedBuffer(text));
    }

    /** Writes {@code res}; a HEAD request gets the headers and no body. Keep-alive is the pipeline's job. */
    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res) {
        if (req.method().equals(HttpMethod.HEAD)) {
            res.content().clear();
        }
        ctx.writeAndFlush(res);
    }

    private static FullHttpResponse text(HttpVersion version, HttpResponseStatus code, String body) {
        ByteBuf content = Unpooled.copiedBuffer(body + "\n", StandardCharsets.UTF_8);
        return response(version, code, TEXT, content);
    }

    private static FullHttpResponse response(HttpVersion version, HttpResponseStatus code, String type,
            ByteBuf content) {
        FullHttpResponse res = new DefaultFullHttpResponse(version, code, content);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return res;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin: connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
