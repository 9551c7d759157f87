package io.p2proxy.rtsp.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.p2proxy.session.SessionManager;
import io.p2proxy.transport.OpenMetadata;
import java.util.ArrayDeque;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the resource in the client's first request, moves the connection to the session's loop and
 * opens the stream. Until then it reads by itself (AUTO_READ is off); the first request and
 * anything behind it wait here and are replayed at the splice's first {@code read()}, which the
 * transport issues as soon as the stream exists (data may follow OPEN before the answer). A first
 * request without PEER/RESOURCE gets 400 and the connection may try again; a failed open gets the
 * error table's answer from {@link OpenGuard}.
 */
public final class RouteHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(RouteHandler.class);

    private final SessionManager sessions;
    private final RouteSlot slot;
    private final OpenGuard guard;
    private final String label;
    private final Queue<Object> held = new ArrayDeque<>();
    private RtspMessage first;
    private boolean routing;
    private boolean spliced;

    public RouteHandler(SessionManager sessions, RouteSlot slot, OpenGuard guard, String label) {
        this.sessions = sessions;
        this.slot = slot;
        this.guard = guard;
        this.label = label;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (spliced && held.isEmpty()) {
            ctx.fireChannelRead(msg);
        } else if (routing) {
            held.add(msg);
        } else if (msg instanceof RtspMessage m && !m.isResponse()) {
            route(ctx, m);
        } else {
            ReferenceCountUtil.release(msg); // interleaved bytes or a response before any request: nowhere to go
        }
    }

    private void route(ChannelHandlerContext ctx, RtspMessage m) {
        if ("*".equals(m.uri())) {
            ctx.writeAndFlush(LocalReply.to(m, 200, "OK", null)); // "OPTIONS *": nothing to route yet
            return;
        }
        RtspRoute route;
        try {
            route = RtspRoute.parse(m.uri());
        } catch (RtspRoute.RouteException e) {
            log.info("{}: client {} {}: 400 {}", label, Clients.describe(ctx.channel()), m.method(), e.getMessage());
            ctx.writeAndFlush(LocalReply.to(m, 400, "Bad Request", e.getMessage()));
            return;
        }
        slot.set(route);
        first = m;
        routing = true;
        held.add(m);
        Channel ch = ctx.channel();
        EventLoop target = sessions.loopFor(route.address().peer());
        if (ch.eventLoop() == target) {
            open(ctx, route);
            return;
        }
        ch.deregister().addListener(d -> {
            if (!d.isSuccess()) {
                drop(ch, "cannot leave the acceptor's loop: " + d.cause());
                return;
            }
            target.register(ch).addListener(r -> {
                if (r.isSuccess()) {
                    open(ctx, route);
                } else {
                    drop(ch, "cannot join the session's loop: " + r.cause());
                }
            });
        });
    }

    private void open(ChannelHandlerContext ctx, RtspRoute route) {
        Channel ch = ctx.channel();
        String client = Clients.describe(ch);
        if (!ch.isActive()) {
            log.debug("{}: client {} left before {} opened", label, client, route.address());
            ch.close();
            return;
        }
        guard.hold();
        sessions.openStream(route.address(), OpenMetadata.lenient(client, "rtsp"), (DuplexChannel) ch).addListener(f -> {
            if (f.isSuccess()) {
                log.debug("{}: client {} connected to {}", label, client, route.address());
                guard.opened();
                return;
            }
            RtspRefusal refusal = RtspRefusal.of(f.cause());
            log.info("{}: client {} refused {}: {} {}", label, client, route.address(), refusal.status(), refusal.reason());
            releaseHeld();
            guard.refuse(refusal.replyTo(first));
        });
    }

    private void drop(Channel ch, String reason) {
        log.warn("{}: client {} dropped: {}", label, Clients.describe(ch), reason);
        ch.close(); // unregistered or half-moved: nothing can be written to it
    }

    /** From behind: the splice asks for data. What waited here goes first. */
    @Override
    public void read(ChannelHandlerContext ctx) {
        if (!routing) {
            ctx.read();
            return;
        }
        spliced = true;
        if (held.isEmpty()) {
            ctx.read();
            return;
        }
        Object msg;
        while ((msg = held.poll()) != null) {
            ctx.fireChannelRead(msg);
        }
        ctx.fireChannelReadComplete(); // the splice asks for more from there
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (spliced) {
            ctx.fireChannelReadComplete();
        } else if (!routing) {
            ctx.read(); // still looking for a first request
        }
    }

    private void releaseHeld() {
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }
}
