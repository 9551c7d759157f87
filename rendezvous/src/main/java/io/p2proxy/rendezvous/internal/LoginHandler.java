package io.p2proxy.rendezvous.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.p2proxy.common.Identity;
import io.p2proxy.common.PeerId;
import io.p2proxy.common.PeerName;
import io.p2proxy.signal.ErrorCode;
import io.p2proxy.signal.KeepaliveHandler;
import io.p2proxy.signal.LoginProof;
import io.p2proxy.signal.SignalMessage;
import io.p2proxy.signal.SignalMessage.Challenge;
import io.p2proxy.signal.SignalMessage.Hello;
import io.p2proxy.signal.SignalMessage.Prove;
import io.p2proxy.signal.SignalMessage.Welcome;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login of one connection: hello (token, name, key) -> challenge (nonce) -> prove (signature
 * over {@link LoginProof}) -> welcome. On success it binds the name, publishes the connection and
 * replaces itself with a {@link RoutingHandler}; a refusal is an error message, then a close.
 */
final class LoginHandler extends SimpleChannelInboundHandler<SignalMessage> {

    private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);

    private final ServerContext server;
    private final Connection connection;
    private Hello hello;
    private PublicKey key;
    private String nonce;

    LoginHandler(ServerContext server, Connection connection) {
        this.server = server;
        this.connection = connection;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete) {
            // Keepalive only on a live WebSocket, in front of the protocol handler so pongs count.
            ctx.pipeline().addBefore(ServerInitializer.WS, "keepalive", new KeepaliveHandler(server.limits().keepalive()));
        } else if (evt == LoginTimeoutHandler.EXPIRED && ctx.pipeline().get("keepalive") != null) {
            refuse(ctx, ErrorCode.LOGIN_TIMEOUT, "login not completed within "
                    + server.limits().loginTimeout().toMillis() + " ms");
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SignalMessage msg) {
        if (msg instanceof Hello h && hello == null) {
            hello(ctx, h);
        } else if (msg instanceof Prove p && nonce != null) {
            prove(ctx, p);
        } else if (msg instanceof Hello || msg instanceof Prove) {
            Replies.error(ctx, server.metrics(), ErrorCode.UNEXPECTED, msg.type() + " out of order", msg.type());
        } else {
            Replies.error(ctx, server.metrics(), ErrorCode.NOT_LOGGED_IN, "log in first (hello)", msg.type());
        }
    }

    private void hello(ChannelHandlerContext ctx, Hello h) {
        hello = h;
        if (h.version() != SignalMessage.VERSION) {
            refuse(ctx, ErrorCode.BAD_VERSION, "protocol version " + h.version() + " (expected: " + SignalMessage.VERSION + ")");
        } else if (!MessageDigest.isEqual(h.token().getBytes(StandardCharsets.UTF_8),
                server.token().getBytes(StandardCharsets.UTF_8))) {
            refuse(ctx, ErrorCode.BAD_TOKEN, "wrong network token");
        } else if (!PeerName.isValid(h.name())) {
            refuse(ctx, ErrorCode.BAD_NAME, "bad name '" + h.name() + "' (expected: " + PeerName.EXPECTED + ")");
        } else {
            try {
                key = Identity.decodePublicKey(h.key());
            } catch (IllegalArgumentException e) {
                refuse(ctx, ErrorCode.BAD_KEY, e.getMessage());
                return;
            }
            byte[] bytes = new byte[32];
            server.random().nextBytes(bytes);
            nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            ctx.writeAndFlush(new Challenge(nonce));
        }
    }

    private void prove(ChannelHandlerContext ctx, Prove p) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(p.signature());
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        if (!Identity.verify(key, LoginProof.bytes(nonce, hello.name(), hello.key()), signature)) {
            refuse(ctx, ErrorCode.BAD_SIGNATURE, "signature does not match the key");
            return;
        }
        if (!server.registry().bind(hello.name(), hello.key())) {
            refuse(ctx, ErrorCode.NAME_TAKEN, "name taken by another key");
            return;
        }
        connection.name = hello.name();
        connection.id = PeerId.of(key).value();
        connection.since = Instant.now().truncatedTo(ChronoUnit.SECONDS); // as SPEC.md shows it
        hello = null;
        key = null;
        nonce = null;
        // Welcome first: signals from other loops reach this channel as later tasks, after it.
        InetSocketAddress dialed = (InetSocketAddress) ctx.channel().localAddress();
        ctx.writeAndFlush(new Welcome(connection.id, connection.address, server.stunFor(dialed), server.relay()));
        ctx.pipeline().remove(LoginTimeoutHandler.class);
        ctx.pipeline().replace(this, "routing", new RoutingHandler(server, connection));
        Connection old = server.registry().online(connection);
        if (old != null) {
            old.channel.eventLoop().execute(() -> RoutingHandler.replaced(old, server));
        }
        server.metrics().loginOk();
        log.info("peer {} logged in from {}", connection.who(), connection.address);
    }

    private void refuse(ChannelHandlerContext ctx, ErrorCode code, String reason) {
        // the name is attacker-supplied until it validates: never put raw bytes into a log line
        String name = hello == null ? "?" : PeerName.isValid(hello.name()) ? hello.name() : "(invalid name)";
        log.info("refused login of '{}' from {}: {}: {}", name, connection.address, code.wire(), reason);
        server.metrics().loginFailed(code);
        connection.closeReason(code.wire());
        Replies.error(ctx, server.metrics(), code, reason, null);
        Replies.close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, code.wire() + ": " + reason);
    }
}
