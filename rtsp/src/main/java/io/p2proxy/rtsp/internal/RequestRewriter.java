package io.p2proxy.rtsp.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client to server, last before the splice: puts each message into the server's form
 * ({@link RtspRoute#toServer}), steers SETUP to interleaved TCP ({@link TransportSteering}) and
 * encodes it; interleaved bytes pass untouched. A request for another resource than the one the
 * connection was opened for is answered 400 here: one connection carries one stream to one peer.
 */
public final class RequestRewriter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RequestRewriter.class);

    private final RouteSlot slot;
    private final String label;

    public RequestRewriter(RouteSlot slot, String label) {
        this.slot = slot;
        this.label = label;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RtspMessage m)) {
            ctx.fireChannelRead(msg);
            return;
        }
        RtspRoute route = slot.get();
        if (!m.isResponse() && !"*".equals(m.uri())) {
            String uri = route.toServer(m.uri());
            if (uri == null) {
                String reason = "this connection serves " + route.address() + " only (expected: "
                        + route.clientOrigin() + "/" + route.address() + "/...)";
                log.info("{}: client {} {} {}: 400 {}", label, Clients.describe(ctx.channel()), m.method(),
                        RtspHeadParser.printable(m.uri()), reason);
                ctx.writeAndFlush(LocalReply.to(m, 400, "Bad Request", reason));
                return;
            }
            m = m.withUri(uri);
        }
        if ("SETUP".equalsIgnoreCase(m.method()) && m.header("Transport") != null) {
            String transport = TransportSteering.interleavedOnly(m.header("Transport"));
            if (transport == null) {
                log.debug("{}: client {} asked for {}: 461, interleaved TCP only", label,
                        Clients.describe(ctx.channel()), m.header("Transport"));
                ctx.writeAndFlush(LocalReply.to(m, 461, "Unsupported Transport",
                        "media travels interleaved on this connection (RTP/AVP/TCP)"));
                return;
            }
            m = m.withHeaders(m.headers().stream().map(h -> h.name().equalsIgnoreCase("Transport")
                    ? new RtspMessage.Header(h.name(), transport) : h).toList());
        }
        m = UriRewriter.rewrite(m, route::toServer);
        ctx.fireChannelRead(Unpooled.wrappedBuffer(m.encode()));
    }
}
