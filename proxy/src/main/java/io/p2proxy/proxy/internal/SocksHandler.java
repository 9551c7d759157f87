package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.p2proxy.common.ResourceAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOCKS5 handshake (RFC 1928, no authentication): greeting, then one CONNECT request for
 * {@code RESOURCE.PEER.p2p}. Refuses everything else with the reply SPEC.md's table names, or hands
 * the connection to the {@link Opener} and leaves the pipeline. AUTO_READ is off: it reads only
 * while a message is incomplete.
 */
public final class SocksHandler extends FirstRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(SocksHandler.class);

    private final Opener opener;
    private boolean greeted;

    public SocksHandler(Opener opener, String label) {
        super(label);
        this.opener = opener;
    }

    @Override
    int initialCapacity() {
        return SocksDecoder.MAX_MESSAGE;
    }

    @Override
    String expected() {
        return "a complete SOCKS request";
    }

    @Override
    void timedOut(ChannelHandlerContext ctx) {
        log.info("{}: client {} sent no complete request within {} ms", label, Clients.describe(ctx.channel()), DEADLINE_MS);
        ctx.close();
    }

    @Override
    void parse(ChannelHandlerContext ctx) {
        try {
            if (!greeted && !greet(ctx)) {
                return;
            }
            SocksMessage.Request request = greeted ? SocksDecoder.request(buffer) : null;
            if (request != null) {
                decide(ctx, request);
            } else if (buffer != null) {
                ctx.read();
            }
        } catch (SocksException e) {
            if (e.kind() == SocksException.Kind.ADDRESS_TYPE) {
                refuse(ctx, "?", SocksReplies.ADDRESS_TYPE_NOT_SUPPORTED, e.getMessage());
            } else {
                log.info("{}: client {} closed: {}", label, Clients.describe(ctx.channel()), e.getMessage());
                leave(ctx);
                ctx.close();
            }
        }
    }

    /** @return true once greeted; false when done with this read (waiting, or refused) */
    private boolean greet(ChannelHandlerContext ctx) throws SocksException {
        SocksMessage.Greeting g = SocksDecoder.greeting(buffer);
        if (g == null) {
            ctx.read();
            return false;
        }
        if (!g.methods().contains(SocksMessage.NO_AUTH)) {
            log.info("{}: client {} refused: it offers no method we accept (only 'no authentication')", label,
                    Clients.describe(ctx.channel()));
            leave(ctx);
            LingeringClose.refuse(ctx.channel(), SocksReplies.method(ctx.alloc(), SocksMessage.NO_ACCEPTABLE_METHOD));
            return false;
        }
        greeted = true;
        ctx.writeAndFlush(SocksReplies.method(ctx.alloc(), SocksMessage.NO_AUTH));
        return true;
    }

    private void decide(ChannelHandlerContext ctx, SocksMessage.Request r) {
        String target = P2pNames.printable(r.host()) + ":" + r.port();
        if (r.command() != SocksMessage.CONNECT) {
            refuse(ctx, target, SocksReplies.COMMAND_NOT_SUPPORTED, "command " + r.command() + " (only CONNECT)");
            return;
        }
        ResourceAddress to;
        try {
            to = P2pNames.parse(r.host());
        } catch (RefusedException e) {
            refuse(ctx, target, e.refusal().socks(), e.getMessage());
            return;
        }
        ByteBuf early = takeBuffer();
        leave(ctx);
        opener.open(ctx.channel(), to, early, SocksReplies.INSTANCE);
    }

    private void refuse(ChannelHandlerContext ctx, String target, int code, String reason) {
        log.info("{}: client {} refused {}: {}", label, Clients.describe(ctx.channel()), target, reason);
        leave(ctx);
        LingeringClose.refuse(ctx.channel(), SocksReplies.reply(ctx.alloc(), code));
    }
}
