package io.p2proxy.rendezvous.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.p2proxy.signal.ErrorCode;
import io.p2proxy.signal.SignalMessage;
import io.p2proxy.signal.SignalMessage.Error;
import io.p2proxy.signal.SignalMessage.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logged-in peer: forwards its signals to their targets with its verified name and id, answers
 * {@code unknown_peer} / {@code offline}, tells the {@link RelayTable} which pairs it introduced,
 * and takes it offline (ending its introductions) when the connection ends.
 */
final class RoutingHandler extends SimpleChannelInboundHandler<Object> {

    private static final Logger log = LoggerFactory.getLogger(RoutingHandler.class);

    private final ServerContext server;
    private final Connection connection;

    RoutingHandler(ServerContext server, Connection connection) {
        this.server = server;
        this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Signal s && s.to() != null) {
            route(ctx, s);
        } else if (msg instanceof SignalMessage m) {
            Replies.error(ctx, server.metrics(), ErrorCode.UNEXPECTED, m.type() + " is not expected after login", m.type());
        }
    }

    private void route(ChannelHandlerContext ctx, Signal s) {
        Connection target = server.registry().find(s.to());
        if (target == null) {
            boolean known = server.registry().known(s.to());
            ErrorCode code = known ? ErrorCode.OFFLINE : ErrorCode.UNKNOWN_PEER;
            Replies.error(ctx, server.metrics(), code, known ? "peer " + s.to() + " is offline"
                    : "no peer named " + s.to() + " on this server", s.to());
        } else if (!target.channel.isWritable()) {
            // A target that does not read must not make us buffer without bound.
            Replies.error(ctx, server.metrics(), ErrorCode.RATE_LIMITED, "peer " + s.to()
                    + " is not reading; message dropped", s.to());
        } else {
            // Before the write: once the target reads this signal (an answer, say), the pair relays.
            server.relays().signalled(connection, target);
            target.channel.writeAndFlush(Signal.from(connection.name, connection.id, s.payload()));
            server.metrics().routed();
        }
    }

    /** Runs on {@code old}'s loop: the same key logged in again elsewhere, so this one is stale. */
    static void replaced(Connection old, ServerContext server) {
        old.closeReason("replaced by a new login from the same key");
        server.metrics().error(ErrorCode.REPLACED);
        old.channel.write(new Error(ErrorCode.REPLACED, "logged in again from elsewhere with the same key", null));
        old.channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION.code(), "replaced"))
                .addListener(f -> old.channel.close());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        server.registry().offline(connection);
        server.relays().ended(connection);
        log.info("peer {} logged out: {}", connection.who(),
                connection.closeReason != null ? connection.closeReason : "connection closed");
        super.channelInactive(ctx);
    }
}
