package io.p2proxy.rendezvous.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.p2proxy.signal.ErrorCode;
import io.p2proxy.signal.RelayFrame;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one connection's binary frames ({@link RelayFrame}) to the peers the server introduced it
 * to, with the name rewritten to the verified sender. Never looks inside a datagram, never buffers:
 * whatever cannot go out at once is dropped and counted, like UDP. A refusal is answered once per
 * streak per target ({@code relay_refused}); over the byte rate, or towards a target that does not
 * read, drops are silent. Text frames pass on. Runs on the connection's loop; one per connection.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);

    /** Targets remembered for "refused once": enough for any honest peer, bounded for a hostile one. */
    private static final int MAX_REFUSED_TARGETS = 64;

    /** Why a datagram was dropped, as {@code p2proxy_signal_relay_dropped_total{reason}} says it. */
    enum Drop {
        MALFORMED, NOT_LOGGED_IN, RELAY_OFF, SELF, UNKNOWN_PEER, OFFLINE, NOT_INTRODUCED, RATE_LIMITED, NOT_WRITABLE;

        final String wire = name().toLowerCase(Locale.ROOT);
    }

    private final ServerContext server;
    private final Connection connection;
    private final TokenBucket bytes;
    /** Targets already told about the current streak of refusals; null until the first. */
    private Set<String> refused;

    RelayHandler(ServerContext server, Connection connection) {
        this.server = server;
        this.connection = connection;
        this.bytes = new TokenBucket(server.limits().relayBytesPerSecond(), server.limits().relayBurstBytes());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof BinaryWebSocketFrame) && !(msg instanceof ContinuationWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            relay(ctx, (WebSocketFrame) msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void relay(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!connection.loggedIn()) {
            server.metrics().relayDropped(Drop.NOT_LOGGED_IN);
            return;
        }
        // A fragment (first or continuation) is malformed: a datagram always fits one frame.
        RelayFrame relay = frame instanceof BinaryWebSocketFrame && frame.isFinalFragment()
                ? RelayFrame.decode(frame.content()) : null;
        if (relay == null) {
            server.metrics().relayDropped(Drop.MALFORMED);
            return;
        }
        String to = relay.peer();
        RelayPair pair = server.relay() ? server.relays().find(connection, to) : null;
        if (pair == null) {
            refuse(ctx, to);
            return;
        }
        int size = relay.datagram().readableBytes();
        if (!bytes.take(server.nanoTime().getAsLong(), size)) {
            server.metrics().relayDropped(Drop.RATE_LIMITED);
            return;
        }
        Channel target = pair.other(connection).channel;
        if (!target.isWritable()) {
            server.metrics().relayDropped(Drop.NOT_WRITABLE);
            return;
        }
        if (refused != null) {
            refused.remove(to); // relaying again: a later refusal is news
        }
        // Counted before the write, so that what a receiver has seen is always in the status.
        boolean first = pair.relayed(size);
        server.metrics().relayed(size);
        if (first) {
            log.info("relay {} started", pair);
        }
        target.writeAndFlush(new BinaryWebSocketFrame(RelayFrame.encode(target.alloc(), connection.name, relay.datagram())));
    }

    private void refuse(ChannelHandlerContext ctx, String to) {
        Drop why;
        String reason;
        if (!server.relay()) {
            why = Drop.RELAY_OFF;
            reason = "this server does not relay (relay = false)";
        } else if (to.equals(connection.name)) {
            why = Drop.SELF;
            reason = "that is yourself";
        } else if (server.registry().find(to) != null) {
            why = Drop.NOT_INTRODUCED;
            reason = "no session introduced between you (a signal each way first)";
        } else if (server.registry().known(to)) {
            why = Drop.OFFLINE;
            reason = "peer " + to + " is offline";
        } else {
            why = Drop.UNKNOWN_PEER;
            reason = "no peer named " + to + " on this server";
        }
        server.metrics().relayDropped(why);
        if (refused == null) {
            refused = new HashSet<>();
        }
        if (refused.size() < MAX_REFUSED_TARGETS && refused.add(to)) {
            String text = "relay to " + to + " refused: " + reason;
            log.info("peer {}: {}", connection.who(), text);
            Replies.error(ctx, server.metrics(), ErrorCode.RELAY_REFUSED, text, to);
        }
    }
}
