package io.p2proxy.signal;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.p2proxy.common.Identity;
import io.p2proxy.common.PeerName;
import io.p2proxy.signal.SignalMessage.Welcome;
import io.p2proxy.signal.internal.ClientLoop;
import io.p2proxy.signal.internal.ClientSettings;
import java.io.Closeable;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A peer's connection to its rendezvous server: dials {@code ws://} or {@code wss://}, logs in
 * (hello, challenge, prove, welcome), keeps the connection alive with pings, and reconnects forever
 * with {@link Backoff} until {@link #close()} or a permanent refusal ({@link SignalListener#failed}).
 *
 * <p>All its work runs on one event loop. Public methods may be called from any thread.
 */
public final class SignalClient implements Closeable {

    private final ClientLoop loop;

    private SignalClient(ClientLoop loop) {
        this.loop = loop;
    }

    /**
     * @param server {@code ws://HOST:PORT} or {@code wss://HOST:PORT}; an empty path means
     *               {@code /v1/signal}
     */
    public static Builder builder(URI server, String name, Identity identity, String token) {
        return new Builder(server, name, identity, token);
    }

    /** Starts connecting; returns at once. */
    public SignalClient start() {
        loop.start();
        return this;
    }

    public SignalState state() {
        return loop.state();
    }

    /** Why the client last left CONNECTED (or failed to reach it), or null. */
    public String reason() {
        return loop.reason();
    }

    /** What the server said at the last login, or null while not {@link SignalState#CONNECTED}. */
    public Welcome welcome() {
        return loop.welcome();
    }

    public URI server() {
        return loop.settings().server();
    }

    /**
     * Sends an opaque payload to peer {@code to}. Delivery errors ({@code offline},
     * {@code unknown_peer}) come back through {@link SignalListener#errorReceived}.
     *
     * @return false when not connected (nothing was sent)
     * @throws IllegalArgumentException when the encoded message exceeds {@link SignalMessage#MAX_FRAME_BYTES}
     */
    public boolean send(String to, JsonNode payload) {
        PeerName.check(to);
        Objects.requireNonNull(payload, "payload");
        return loop.send(SignalMessage.Signal.to(to, payload));
    }

    /**
     * Relays one datagram to peer {@code to} through the server, as a binary frame ({@link RelayFrame}).
     * Like UDP: no delivery report, no retry, no queue. The server relays only between peers it has
     * introduced (a signal routed each way since both logged in) and within a byte rate; otherwise it
     * drops the datagram and answers once with {@code relay_refused} through
     * {@link SignalListener#errorReceived}, or silently when over the rate. Datagrams from other peers
     * arrive at {@link SignalListener#relayReceived}.
     *
     * <p>Takes ownership of {@code datagram} (its readable bytes) and always releases it, also when
     * it throws. May be called from any thread; the frame is written on the client's loop.
     *
     * @return false, dropping the datagram, when not logged in, when the server does not relay
     *         ({@code welcome().relay()} false), or when the connection is not writable (the server
     *         reads slower than we send: nothing is buffered beyond Netty's write watermark)
     * @throws IllegalArgumentException when {@code to} is not a peer name, or the datagram is empty
     *                                  or larger than {@link RelayFrame#MAX_DATAGRAM_BYTES}
     */
    public boolean relay(String to, ByteBuf datagram) {
        Objects.requireNonNull(datagram, "datagram");
        try {
            PeerName.check(to);
            RelayFrame.checkSize(datagram.readableBytes());
            return loop.relay(to, datagram);
        } finally {
            datagram.release();
        }
    }

    /** Stops reconnecting and closes the connection; waits for it (unless called on the client's loop). */
    @Override
    public void close() {
        loop.close();
    }

    /** Options; only the four constructor arguments are required. */
    public static final class Builder {
        private final URI server;
        private final String name;
        private final Identity identity;
        private final String token;
        private SignalListener listener = new SignalListener() { };
        private EventLoopGroup group;
        private TrustManagerFactory trust;
        private Duration keepalive = Duration.ofSeconds(15);
        private Duration loginTimeout = Duration.ofSeconds(10);
        private Backoff backoff = Backoff.DEFAULT;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private InetAddress localAddress;

        private Builder(URI server, String name, Identity identity, String token) {
            this.server = ClientSettings.endpoint(Objects.requireNonNull(server, "server"));
            this.name = PeerName.check(name);
            this.identity = Objects.requireNonNull(identity, "identity");
            this.token = Objects.requireNonNull(token, "token");
        }

        public Builder listener(SignalListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Run on this group (not closed by the client); by default the client makes and owns a one-thread group. */
        public Builder group(EventLoopGroup group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        /** Trust these roots for wss:// instead of the JDK's (tests, private CAs); host names are still checked. */
        public Builder trustManager(TrustManagerFactory trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** Ping after this long without traffic; a connection silent for twice this is dead. */
        public Builder keepalive(Duration keepalive) {
            this.keepalive = positive(keepalive, "keepalive");
            return this;
        }

        /** Connect, WebSocket upgrade and login must finish within this. */
        public Builder loginTimeout(Duration loginTimeout) {
            this.loginTimeout = positive(loginTimeout, "loginTimeout");
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** Source of the jitter draws in [0, 1). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Dial from this local address (a multi-homed host, or load tests past one address's ports). */
        public Builder localAddress(InetAddress localAddress) {
            this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
            return this;
        }

        public SignalClient build() {
            SslContext ssl = null;
            if ("wss".equals(server.getScheme())) {
                try {
                    SslContextBuilder b = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
                    ssl = (trust != null ? b.trustManager(trust) : b).build();
                } catch (SSLException e) {
                    throw new IllegalStateException("cannot set up TLS for " + server, e);
                }
            }
            ClientSettings settings = new ClientSettings(server, name, identity, token, ssl, keepalive,
                    loginTimeout, backoff, random, localAddress);
            return new SignalClient(new ClientLoop(settings, listener, group));
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + ": " + d + " (expected: > 0)");
            }
            return d;
        }
    }
}
