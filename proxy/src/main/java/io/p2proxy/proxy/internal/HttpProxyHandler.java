package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the first request head (in as many pieces as it comes), works out the resource
 * ({@link HttpRoute}) and hands the connection to the {@link Opener}, the rewritten head and any
 * bytes behind it first in line. Refusals are real HTTP answers.
 *
 * <p>Keep-alive: one resource, and for forwarded requests one request, per client connection.
 * The forwarded head carries {@code Connection: close}, so the target closes after its answer and
 * the client opens a new connection for its next request (cheap: the peer session stays up; a
 * connection is one QUIC stream). Nothing parses requests after the first, so a request for
 * another resource can never slip through to the wrong target on a reused connection. CONNECT is
 * a raw tunnel after {@code 200}.
 */
public final class HttpProxyHandler extends FirstRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(HttpProxyHandler.class);

    private final Opener opener;

    public HttpProxyHandler(Opener opener, String label) {
        super(label);
        this.opener = opener;
    }

    @Override
    int initialCapacity() {
        return 1024;
    }

    @Override
    String expected() {
        return "a complete request head";
    }

    @Override
    void timedOut(ChannelHandlerContext ctx) {
        refuse(ctx, "-", 408, "Request Timeout", "no complete request head within " + DEADLINE_MS + " ms");
    }

    @Override
    void parse(ChannelHandlerContext ctx) {
        HttpHead head;
        try {
            head = HttpHeadParser.parse(buffer);
        } catch (HttpHeadException e) {
            refuse(ctx, "-", e.status(), e.phrase(), e.getMessage());
            return;
        }
        if (head == null) {
            ctx.read();
            return;
        }
        route(ctx, head);
    }

    private void route(ChannelHandlerContext ctx, HttpHead head) {
        String target = head.method() + " " + P2pNames.printable(head.target());
        HttpRoute route;
        try {
            route = HttpRoute.of(head);
        } catch (HttpHeadException e) {
            refuse(ctx, target, e.status(), e.phrase(), e.getMessage());
            return;
        } catch (RefusedException e) {
            Refusal r = e.refusal();
            refuse(ctx, target, r.httpStatus(), r.httpPhrase(), e.getMessage());
            return;
        }
        ByteBuf collected = takeBuffer();
        ByteBuf early;
        if (route.forwardedHead() == null) {
            early = collected;
        } else {
            byte[] rewritten = route.forwardedHead().getBytes(StandardCharsets.ISO_8859_1);
            early = ctx.alloc().buffer(rewritten.length + collected.readableBytes()).writeBytes(rewritten).writeBytes(collected);
            collected.release();
        }
        leave(ctx);
        opener.open(ctx.channel(), route.to(), early, head.isConnect() ? HttpReplies.CONNECT : HttpReplies.FORWARD);
    }

    private void refuse(ChannelHandlerContext ctx, String target, int status, String phrase, String reason) {
        log.info("{}: client {} refused {}: {} {}", label, Clients.describe(ctx.channel()), target, status, reason);
        leave(ctx);
        LingeringClose.refuse(ctx.channel(), HttpReplies.answer(ctx.alloc(), status, phrase, reason));
    }
}
