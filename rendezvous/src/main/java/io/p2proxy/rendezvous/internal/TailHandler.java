package io.p2proxy.rendezvous.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.p2proxy.signal.ErrorCode;
import io.p2proxy.signal.KeepaliveHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every connection's pipeline: notes why the connection ends (the logout line says it)
 * and closes it on any error, answering an over-long message with 1009. Only this connection ends;
 * the server and every other peer carry on.
 */
final class TailHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TailHandler.class);

    private final ServerContext server;
    private final Connection connection;

    TailHandler(ServerContext server, Connection connection) {
        this.server = server;
        this.connection = connection;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == KeepaliveHandler.DEAD) {
            connection.closeReason("keepalive timeout");
        } else if (evt == LoginTimeoutHandler.EXPIRED) {
            connection.closeReason("login timeout");
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        io.netty.util.ReferenceCountUtil.release(msg); // nothing reaches here by design; never leak it
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException c
                && c.closeStatus() != null && c.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
            connection.closeReason("message too large");
            String reason = "message too large (max " + server.limits().maxFrameBytes() + " bytes)";
            if (cause instanceof TooLongFrameException) { // fragments added up; the decoder did not answer
                Replies.error(ctx, server.metrics(), ErrorCode.TOO_LARGE, reason, null);
                Replies.close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, reason);
            } else {
                server.metrics().error(ErrorCode.TOO_LARGE);
                ctx.close(); // the frame decoder already sent 1009 with its reason
            }
            return;
        }
        connection.closeReason(cause instanceof IOException ? "connection reset"
                : cause instanceof CorruptedWebSocketFrameException ? "bad WebSocket frame: " + cause.getMessage()
                : "error: " + cause);
        log.debug("closing signaling connection from {}", connection.address, cause);
        ctx.close();
    }
}
