package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.p2proxy.common.ResourceAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOCKS5 handshake (RFC 1928): greeting, the username/password sub-negotiation when
 * credentials are configured (RFC 1929), then one CONNECT request for {@code RESOURCE.PEER.p2p}.
 * Refuses everything else with the reply SPEC.md's table names, or hands the connection to the
 * {@link Opener} and leaves the pipeline. AUTO_READ is off: it reads only while a message is
 * incomplete; a client may pipeline its messages, so one read may complete several.
 */
public final class SocksHandler extends FirstRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(SocksHandler.class);

    private enum Phase { GREETING, AUTH, REQUEST }

    private final Opener opener;
    /** Null: no authentication (method 0x00 only). */
    private final SocksAuth auth;
    private Phase phase = Phase.GREETING;

    public SocksHandler(Opener opener, String label) {
        this(opener, label, null);
    }

    /** @param auth what a client must present, or null for no authentication */
    public SocksHandler(Opener opener, String label, SocksAuth auth) {
        super(label);
        this.opener = opener;
        this.auth = auth;
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
            boolean next = true;
            while (next && buffer != null) {
                next = switch (phase) {
                    case GREETING -> greet(ctx);
                    case AUTH -> authenticate(ctx);
                    case REQUEST -> request(ctx);
                };
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
        int method = auth == null ? SocksMessage.NO_AUTH : SocksMessage.USERNAME_PASSWORD;
        if (!g.methods().contains(method)) {
            log.info("{}: client {} refused: it offers no method we accept (only '{}')", label,
                    Clients.describe(ctx.channel()), auth == null ? "no authentication" : "username/password");
            leave(ctx);
            LingeringClose.refuse(ctx.channel(), SocksReplies.method(ctx.alloc(), SocksMessage.NO_ACCEPTABLE_METHOD));
            return false;
        }
        phase = auth == null ? Phase.REQUEST : Phase.AUTH;
        ctx.writeAndFlush(SocksReplies.method(ctx.alloc(), method));
        return true;
    }

    /** RFC 1929: success lets the request through; failure answers 0x01 and closes. */
    private boolean authenticate(ChannelHandlerContext ctx) throws SocksException {
        SocksMessage.Auth a = SocksDecoder.auth(buffer);
        if (a == null) {
            ctx.read();
            return false;
        }
        if (!auth.accepts(a)) {
            log.info("{}: client {} refused: authentication failed for user {}", label,
                    Clients.describe(ctx.channel()), P2pNames.printable(a.username()));
            leave(ctx);
            LingeringClose.refuse(ctx.channel(), SocksReplies.authStatus(ctx.alloc(), SocksMessage.AUTH_FAILURE));
            return false;
        }
        phase = Phase.REQUEST;
        ctx.writeAndFlush(SocksReplies.authStatus(ctx.alloc(), SocksMessage.AUTH_SUCCESS));
        return true;
    }

    /** @return false: the request is decided, or more is needed */
    private boolean request(ChannelHandlerContext ctx) throws SocksException {
        SocksMessage.Request r = SocksDecoder.request(buffer);
        if (r == null) {
            ctx.read();
        } else {
            decide(ctx, r);
        }
        return false;
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
