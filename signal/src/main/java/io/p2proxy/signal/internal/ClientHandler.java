package io.p2proxy.signal.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.p2proxy.signal.KeepaliveHandler;
import io.p2proxy.signal.LoginProof;
import io.p2proxy.signal.RelayFrame;
import io.p2proxy.signal.SignalCodec;
import io.p2proxy.signal.SignalDecodeException;
import io.p2proxy.signal.SignalMessage;
import io.p2proxy.signal.SignalMessage.Challenge;
import io.p2proxy.signal.SignalMessage.Error;
import io.p2proxy.signal.SignalMessage.Hello;
import io.p2proxy.signal.SignalMessage.Prove;
import io.p2proxy.signal.SignalMessage.Signal;
import io.p2proxy.signal.SignalMessage.Welcome;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the client: logs in once the WebSocket is up, then hands what arrives to the
 * {@link ClientLoop}. Remembers why the connection ended so the loop can report it. Runs on the
 * client's loop; one instance per connection.
 */
final class ClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

    private final ClientSettings settings;
    private final ClientLoop loop;
    private String reason;
    private boolean loggedIn;
    private ScheduledFuture<?> loginTimer;

    ClientHandler(ClientSettings settings, ClientLoop loop) {
        this.settings = settings;
        this.loop = loop;
    }

    /** Why the connection ended, or null when nothing told us. */
    String reason() {
        return reason;
    }

    void reason(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        loginTimer = ctx.executor().schedule(() -> {
            reason("login timed out after " + settings.loginTimeout().toMillis() + " ms");
            ctx.close();
        }, settings.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelLoginTimer();
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.pipeline().addBefore(ClientInitializer.WS, "keepalive", new KeepaliveHandler(settings.keepalive()));
            write(ctx, new Hello(settings.name(), settings.identity().publicKeyBase64(), settings.token(),
                    SignalMessage.VERSION));
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            reason("WebSocket upgrade timed out");
        } else if (evt == KeepaliveHandler.DEAD) {
            reason("keepalive timeout");
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            reason("server closed the connection: " + close.statusCode() + " " + close.reasonText());
            ctx.close();
        } else if (frame instanceof TextWebSocketFrame text) {
            SignalMessage message;
            try {
                message = SignalCodec.decode(text.text());
            } catch (SignalDecodeException e) {
                log.debug("ignoring a frame from {} that we cannot read: {}", settings.server(), e.getMessage());
                return;
            }
            handle(ctx, message);
        } else if (frame instanceof BinaryWebSocketFrame binary && loggedIn && binary.isFinalFragment()) {
            relayed(ctx, binary);
        }
        // Anything else (a fragmented binary frame, its continuations) is dropped: frames release on return.
    }

    private void relayed(ChannelHandlerContext ctx, BinaryWebSocketFrame binary) {
        RelayFrame relayed = RelayFrame.decode(binary.content());
        if (relayed == null) {
            log.debug("dropping a malformed relay frame ({} bytes) from {}", binary.content().readableBytes(),
                    settings.server());
            return;
        }
        loop.relayReceived(ctx.channel(), relayed.peer(), relayed.datagram().retain());
    }

    private void handle(ChannelHandlerContext ctx, SignalMessage message) {
        if (message instanceof Challenge c && !loggedIn) {
            byte[] proof = LoginProof.bytes(c.nonce(), settings.name(), settings.identity().publicKeyBase64());
            write(ctx, new Prove(Base64.getEncoder().encodeToString(settings.identity().sign(proof))));
        } else if (message instanceof Welcome w && !loggedIn) {
            loggedIn = true;
            cancelLoginTimer();
            loop.welcomed(ctx.channel(), w);
        } else if (message instanceof Signal s && loggedIn && s.from() != null) {
            loop.signalReceived(ctx.channel(), s);
        } else if (message instanceof Error e) {
            if (e.code().permanent()) {
                reason(e.code().wire() + ": " + e.reason());
                loop.refused(ctx.channel(), e);
                ctx.close();
            } else if (!loggedIn) {
                reason("login failed: " + e.code().wire() + ": " + e.reason());
                ctx.close();
            } else {
                loop.errorReceived(ctx.channel(), e);
            }
        } else {
            log.debug("ignoring an unexpected {} from {}", message.type(), settings.server());
        }
    }

    private void write(ChannelHandlerContext ctx, SignalMessage message) {
        ctx.writeAndFlush(new TextWebSocketFrame(SignalCodec.encode(message)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reason(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        log.debug("signaling connection to {} failed", settings.server(), cause);
        ctx.close();
    }

    private void cancelLoginTimer() {
        if (loginTimer != null) {
            loginTimer.cancel(false);
            loginTimer = null;
        }
    }
}
