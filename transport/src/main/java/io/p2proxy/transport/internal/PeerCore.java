package io.p2proxy.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Promise;
import io.p2proxy.common.Identity;
import io.p2proxy.common.PeerId;
import io.p2proxy.transport.OpenError;
import io.p2proxy.transport.OpenMetadata;
import io.p2proxy.transport.PathHandler;
import io.p2proxy.transport.StreamResolver;
import io.p2proxy.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything of one peer pair's transport, confined to the UDP channel's event loop: the path
 * handler and QUIC codec in the UDP pipeline, the QUIC connections ({@link QuicLink}s), and the
 * queue of opens waiting for stream credit. Lifecycle here; stream placement in {@link LinkPool}.
 */
public final class PeerCore {

    private static final Logger log = LoggerFactory.getLogger(PeerCore.class);
    static final String CODEC = "p2proxy-quic";
    private static final int UDP_BUFFER = 4 << 20;

    private final TransportConfig config;
    private final PeerId local;
    private final PeerId remote;
    private final StreamResolver resolver;
    private final boolean dialer;
    private final DatagramChannel udp;
    private final PathHandler path;
    private final PinnedPeerTrustManager trust;
    private final QuicSslContext ssl;
    private final Traffic traffic = new Traffic();
    private final LinkPool pool;
    private final Promise<Void> authenticated;
    private final Promise<Void> closed;
    private ChannelHandler codec;
    private boolean closing;
    private int linkNumbers;

    public PeerCore(DatagramChannel udp, Identity local, PeerId remote, InetSocketAddress remoteAddress,
                    StreamResolver resolver, TransportConfig config, boolean dialer) {
        this.udp = udp;
        this.local = local.id();
        this.remote = remote;
        this.resolver = resolver;
        this.config = config;
        this.dialer = dialer;
        this.path = new PathHandler(remoteAddress);
        this.trust = new PinnedPeerTrustManager(remote);
        this.ssl = dialer ? QuicTls.client(local, trust) : QuicTls.server(local, trust);
        this.pool = new LinkPool(this);
        this.authenticated = udp.eventLoop().newPromise();
        this.closed = udp.eventLoop().newPromise();
    }

    /** TCP sockets for targets must match the loop's transport: the UDP channel tells which it is. */
    Class<? extends io.netty.channel.socket.SocketChannel> socketClass() {
        return udp instanceof io.netty.channel.epoll.EpollDatagramChannel
                ? io.netty.channel.epoll.EpollSocketChannel.class
                : io.netty.channel.socket.nio.NioSocketChannel.class;
    }

    public EventLoop loop() {
        return udp.eventLoop();
    }

    /** Installs path handler and codec into the UDP pipeline; the dialer starts its first connection. */
    public void start() {
        assert loop().inEventLoop();
        if (!udp.isActive()) {
            closeOnLoss("UDP socket is not open");
            return;
        }
        // Loopback bursts overflow the default ~208 KiB UDP buffers; each drop costs a QUIC PTO.
        // Measured: 300 KB echo took 6.7 s with default buffers, 1 s with 4 MiB (BBR).
        udp.config().setOption(ChannelOption.SO_RCVBUF, UDP_BUFFER);
        udp.config().setOption(ChannelOption.SO_SNDBUF, UDP_BUFFER);
        ChannelHandler streams = new StreamInitializer();
        codec = dialer ? QuicCodecs.client(config, ssl)
                : QuicCodecs.server(config, ssl, new LinkInitializer(), streams);
        udp.pipeline().addLast(PathHandler.NAME, path).addLast(CODEC, codec);
        if (dialer) {
            dial();
        }
    }

    void dial() {
        QuicLink link = new QuicLink(this, ++linkNumbers);
        pool.connecting(link);
        var bootstrap = QuicChannel.newBootstrap(udp)
                .handler(new LinkHandler(link))
                .streamHandler(new StreamInitializer())
                .streamOption(ChannelOption.AUTO_READ, false)
                .remoteAddress(PathHandler.VIRTUAL_REMOTE);
        if (QuicCodecs.gso()) {
            bootstrap.option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR,
                    EpollQuicUtils.newSegmentedAllocator(QuicCodecs.GSO_SEGMENTS));
        }
        bootstrap.connect().addListener(f -> {
            if (!f.isSuccess() && link.failure == null) {
                link.failure = f.cause();
            }
        });
    }

    void linkUp(QuicLink link) {
        if (closing) {
            link.channel.close(true, AppCodes.CONN_PEER_CLOSING, Unpooled.EMPTY_BUFFER);
            return;
        }
        pool.up(link);
        log.debug("peer {}: QUIC connection {} up ({} now)", remote.shortForm(), link.number(), pool.size());
        drain();
        pool.maybeRetire(link); // dialed for a queue that drained elsewhere meanwhile: it would carry nothing
    }

    void linkDown(QuicLink link) {
        boolean wasUp = link.up;
        pool.down(link);
        if (closing) {
            return;
        }
        if (link.surplusClose() || (link.closeEvent == null && link.failure == null && pool.retired(link))) {
            return; // closed because it carried nothing: the pair lives on
        }
        if (dialer && pool.size() > 0 && (link.limitClose() || !wasUp)) {
            // An extra connection was refused (the acceptor allows fewer than we do) or never came up,
            // while others carry the pair: stop adding connections, keep serving on those.
            pool.peerLimit(pool.all().size());
            log.info("peer {}: staying at {} QUIC connections ({})", remote.shortForm(), pool.all().size(),
                    link.limitClose() ? "the peer allows no more" : describe(link));
            drain();
            return;
        }
        if (!wasUp && !dialer) {
            // A stranger (or a peer with another key) failed our handshake: log it, keep serving.
            log.warn("peer {}: refused a QUIC connection: {}", remote.shortForm(), describe(link));
            return;
        }
        // Opens still queued fail with the link's reason: a pinning mismatch is AUTHENTICATION_FAILED
        // naming both ids, not a bare CONNECTION_LOST.
        OpenError error = link.lossError();
        if (error == OpenError.AUTHENTICATION_FAILED) {
            authenticated.tryFailure(link.lossCause());
        }
        log.warn("peer {}: connection lost ({})", remote.shortForm(), describe(link));
        close(error, link.lossCause());
    }

    private String describe(QuicLink link) {
        Throwable cause = link.lossCause();
        return cause == null ? "connection closed" : cause.getMessage();
    }

    void streamClosed(QuicLink link) {
        if (!closing) {
            pool.maybeRetire(link);
            drain();
        }
    }

    void drain() {
        if (!closing) {
            pool.drain();
        }
    }

    /** Queues an open; it starts as soon as a connection has stream credit. */
    public void open(String resource, OpenMetadata metadata, DuplexChannel tcp, Promise<Void> promise) {
        OpenRequest request = new OpenRequest(remote, resource, metadata, tcp, promise);
        if (closing) {
            request.fail(OpenError.CONNECTION_LOST, null);
            return;
        }
        tcp.config().setAutoRead(false);
        if (tcp.config() instanceof io.netty.channel.socket.DuplexChannelConfig duplex) {
            duplex.setAllowHalfClosure(true); // a client's FIN must travel, not close the socket
        }
        request.timeout = loop().schedule(() -> request.fail(OpenError.TIMEOUT, null),
                config.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        tcp.closeFuture().addListener(f -> request.fail(OpenError.CANCELLED, null));
        pool.enqueue(request);
        drain();
    }

    /** Writes OPEN and starts the splice at once: data may follow OPEN before any answer. */
    void startOpener(QuicLink link, QuicStreamChannel stream, OpenRequest request) {
        if (request.isDone()) {
            stream.shutdown(AppCodes.STREAM_CANCELLED);
            stream.close();
            return;
        }
        ByteBuf open = stream.alloc().directBuffer(64);
        StreamWire.encodeOpen(new OpenFrame(request.resource, request.metadata), open);
        stream.write(new DefaultQuicStreamFrame(open, false));
        request.splice = new Splice(request.tcp, stream, traffic, request.label());
        request.splice.start();
    }

    void authenticatedByAnswer() {
        authenticated.trySuccess(null);
    }

    void authenticatedByHandshake() {
        if (!dialer) {
            authenticated.trySuccess(null); // the server verified the client's certificate in the handshake
        }
    }

    private void closeOnLoss(String reason) {
        log.warn("peer {}: connection lost ({})", remote.shortForm(), reason);
        close();
    }

    /** Idempotent; completes {@link #closed()} within {@code closeTimeout} whatever the peer does. */
    public Promise<Void> close() {
        return close(OpenError.CONNECTION_LOST, null);
    }

    private Promise<Void> close(OpenError queuedError, Throwable cause) {
        assert loop().inEventLoop();
        if (closing) {
            return closed;
        }
        closing = true;
        pool.failQueued(queuedError, cause);
        List<QuicLink> all = new ArrayList<>(pool.all());
        var timer = loop().schedule(this::finishClose, config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        int[] left = {all.size()};
        for (QuicLink link : all) {
            link.channel.close(true, AppCodes.CONN_PEER_CLOSING, Unpooled.EMPTY_BUFFER);
            link.channel.closeFuture().addListener(f -> {
                if (--left[0] == 0) {
                    timer.cancel(false);
                    finishClose();
                }
            });
        }
        if (all.isEmpty()) {
            timer.cancel(false);
            finishClose();
        }
        return closed;
    }

    private void finishClose() {
        if (closed.isDone()) {
            return;
        }
        for (String name : new String[] {CODEC, PathHandler.NAME}) {
            if (udp.pipeline().get(name) != null) {
                udp.pipeline().remove(name);
            }
        }
        authenticated.tryFailure(new java.io.IOException("closed before the peer was authenticated"));
        closed.trySuccess(null);
    }

    public Promise<Void> closed() {
        return closed;
    }

    public Promise<Void> authenticated() {
        return authenticated;
    }

    public PathHandler path() {
        return path;
    }

    public TransportConfig config() {
        return config;
    }

    public PeerId remote() {
        return remote;
    }

    public PeerId local() {
        return local;
    }

    public boolean dialer() {
        return dialer;
    }

    StreamResolver resolver() {
        return resolver;
    }

    PinnedPeerTrustManager trust() {
        return trust;
    }

    public Traffic traffic() {
        return traffic;
    }

    public LinkPool pool() {
        return pool;
    }

    boolean isClosing() {
        return closing;
    }

    /** Server side: each accepted QUIC connection gets its own link. */
    @ChannelHandler.Sharable
    private final class LinkInitializer extends ChannelInitializer<QuicChannel> {
        @Override
        protected void initChannel(QuicChannel ch) {
            if (closing || pool.all().size() >= config.maxConnections()) {
                // Beyond the limit: closed once the handshake is done, so that the dialer reads our
                // code (an application close during the handshake loses it, RFC 9000 section 10.2.3).
                log.warn("peer {}: refusing a QUIC connection beyond the limit of {}", remote.shortForm(),
                        config.maxConnections());
                ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(io.netty.channel.ChannelHandlerContext ctx) {
                        ch.close(true, AppCodes.CONN_LIMIT, Unpooled.EMPTY_BUFFER);
                    }
                });
                return;
            }
            QuicLink link = new QuicLink(PeerCore.this, ++linkNumbers);
            pool.connecting(link);
            ch.pipeline().addLast(new LinkHandler(link));
        }
    }

    /** Streams the peer opens: counted on their link, then served by an {@link AcceptHandler}. */
    @ChannelHandler.Sharable
    private final class StreamInitializer extends ChannelInitializer<QuicStreamChannel> {
        @Override
        protected void initChannel(QuicStreamChannel stream) {
            QuicLink link = stream.parent().attr(QuicLink.KEY).get();
            if (link == null || stream.type() != QuicStreamType.BIDIRECTIONAL) {
                stream.shutdown(AppCodes.STREAM_PROTOCOL);
                stream.close();
                return;
            }
            link.streamAdded(stream);
            stream.pipeline().addLast(new AcceptHandler(link));
        }
    }
}
