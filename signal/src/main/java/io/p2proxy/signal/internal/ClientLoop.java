package io.p2proxy.signal.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.Future;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.signal.RelayFrame;
import io.p2proxy.signal.SignalCodec;
import io.p2proxy.signal.SignalException;
import io.p2proxy.signal.SignalListener;
import io.p2proxy.signal.SignalMessage;
import io.p2proxy.signal.SignalMessage.Error;
import io.p2proxy.signal.SignalMessage.Signal;
import io.p2proxy.signal.SignalMessage.Welcome;
import io.p2proxy.signal.SignalState;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mechanism behind {@code SignalClient}: one connection at a time, a reconnect timer, the
 * state machine. Every field is owned by {@link #loop}; the volatile ones are also read by callers.
 * Callbacks from a connection carry its channel so that late events of a dead one are ignored.
 */
public final class ClientLoop {

    private static final Logger log = LoggerFactory.getLogger(ClientLoop.class);
    private static final int MAX_ATTEMPT = 32; // the backoff is capped long before; keeps the counter bounded

    private final ClientSettings settings;
    private final SignalListener listener;
    private final EventLoopGroup ownedGroup;
    private final EventLoop loop;

    private volatile SignalState state = SignalState.DISCONNECTED;
    private volatile String reason;
    private volatile Welcome welcome;
    private volatile Channel connected;
    private Channel channel;
    private Future<?> retry;
    private int attempt;
    private boolean refused; // the last connect attempt met a TCP RST: nothing listens there
    private boolean started;
    private boolean stopped;
    private final AtomicBoolean closing = new AtomicBoolean();

    public ClientLoop(ClientSettings settings, SignalListener listener, EventLoopGroup group) {
        this.settings = settings;
        this.listener = listener;
        this.ownedGroup = group == null ? Transports.group(1, NamedThreadFactory.of("signal-client")) : null;
        this.loop = (group == null ? ownedGroup : group).next();
    }

    public ClientSettings settings() {
        return settings;
    }

    public SignalState state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    public Welcome welcome() {
        return welcome;
    }

    public void start() {
        loop.execute(() -> {
            if (!started && !stopped) {
                started = true;
                connect();
            }
        });
    }

    public boolean send(Signal signal) {
        String text = SignalCodec.encode(signal);
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > SignalMessage.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("signal to " + signal.to() + ": " + size
                    + " bytes (expected: <= " + SignalMessage.MAX_FRAME_BYTES + ")");
        }
        Channel ch = connected;
        if (ch == null) {
            return false;
        }
        ch.writeAndFlush(new TextWebSocketFrame(text));
        return true;
    }

    /** Any thread. Copies {@code datagram} into a frame; the caller keeps (and releases) it. */
    public boolean relay(String to, ByteBuf datagram) {
        Channel ch = connected;
        Welcome w = welcome;
        if (ch == null || w == null || !w.relay() || !ch.isWritable()) {
            return false;
        }
        ch.writeAndFlush(new BinaryWebSocketFrame(RelayFrame.encode(ch.alloc(), to, datagram)));
        return true;
    }

    private void connect() {
        retry = null;
        refused = false;
        if (stopped) {
            return;
        }
        setState(SignalState.CONNECTING, null);
        ClientHandler handler = new ClientHandler(settings, this);
        Bootstrap b = new Bootstrap().group(loop).channel(Transports.socket())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.loginTimeout().toMillis())
                .handler(new ClientInitializer(settings, handler));
        ChannelFuture f = settings.localAddress() == null ? b.connect(settings.host(), settings.port())
                : b.connect(new InetSocketAddress(settings.host(), settings.port()),
                        new InetSocketAddress(settings.localAddress(), 0));
        Channel ch = f.channel();
        channel = ch;
        // A failed connect ends the attempt here: Netty completes the close future *before* it tells
        // connect listeners why, so only this listener knows whether the connection was refused.
        f.addListener(done -> {
            if (done.isSuccess()) {
                ch.closeFuture().addListener(x -> closed(ch, handler.reason()));
                return;
            }
            // RST or no route: answered at once, nothing listening. A timeout may be a loaded server.
            refused = done.cause() instanceof java.net.ConnectException
                    && !(done.cause() instanceof io.netty.channel.ConnectTimeoutException);
            closed(ch, "cannot connect: " + done.cause().getMessage());
        });
    }

    void welcomed(Channel ch, Welcome w) {
        if (ch != channel || stopped) {
            return;
        }
        attempt = 0;
        welcome = w;
        connected = ch;
        log.info("logged in to {} as {} ({}), seen as {}", settings.server(), settings.name(), w.id(), w.address());
        setState(SignalState.CONNECTED, null);
    }

    void signalReceived(Channel ch, Signal s) {
        if (ch == channel && !stopped) {
            listener.signalReceived(s.from(), s.fromId(), s.payload());
        }
    }

    /** Hands {@code datagram} (owned) to the listener, or releases it when {@code ch} is stale. */
    void relayReceived(Channel ch, String from, ByteBuf datagram) {
        if (ch == channel && !stopped) {
            listener.relayReceived(from, datagram);
        } else {
            datagram.release();
        }
    }

    void errorReceived(Channel ch, Error e) {
        if (ch == channel && !stopped) {
            listener.errorReceived(e);
        }
    }

    void refused(Channel ch, Error e) {
        if (ch != channel || stopped) {
            return;
        }
        stopped = true;
        forget();
        setState(SignalState.STOPPED, e.code().wire() + ": " + e.reason());
        listener.failed(new SignalException(settings.server(), e.code(), e.reason()));
    }

    private void closed(Channel ch, String why) {
        if (ch != channel) {
            return;
        }
        channel = null;
        forget();
        if (stopped) {
            return;
        }
        double draw = settings.random().getAsDouble();
        Duration delay = refused ? settings.backoff().delayAfterRefused(attempt, draw)
                : settings.backoff().delay(attempt, draw);
        attempt = Math.min(attempt + 1, MAX_ATTEMPT);
        String text = why != null ? why : "connection closed";
        if (state == SignalState.CONNECTED) { // one line when a working connection is lost, not per retry
            log.warn("lost signaling server {}: {}; reconnecting", settings.server(), text);
        } else {
            log.debug("signaling server {} not reached ({}); retrying in {} ms", settings.server(), text, delay.toMillis());
        }
        setState(SignalState.DISCONNECTED, text);
        retry = loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void forget() {
        connected = null;
        welcome = null;
    }

    private void setState(SignalState next, String why) {
        state = next;
        reason = why;
        listener.stateChanged(next, why);
    }

    /** Idempotent. Waits for the connection (and the owned loop) to end unless called on the loop. */
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        Future<Channel> done = loop.submit(() -> {
            boolean wasStopped = stopped;
            stopped = true;
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
            Channel ch = channel;
            channel = null;
            forget();
            if (ch != null) {
                ch.close();
            }
            if (!wasStopped || state != SignalState.STOPPED) {
                setState(SignalState.STOPPED, "closed");
            }
            return ch;
        });
        if (loop.inEventLoop()) {
            if (ownedGroup != null) {
                ownedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            }
            return;
        }
        if (done.awaitUninterruptibly(5, TimeUnit.SECONDS) && done.getNow() != null) {
            done.getNow().closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (ownedGroup != null) {
            ownedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
