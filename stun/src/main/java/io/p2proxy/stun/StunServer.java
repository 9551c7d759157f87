package io.p2proxy.stun;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.Transports;
import io.p2proxy.stun.internal.DiscardHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A STUN Binding server on one or more UDP addresses, on an event loop group the caller owns
 * (and closes). With two or more addresses each answers with RESPONSE-ORIGIN and OTHER-ADDRESS
 * naming the next one (RFC 5780 §6). {@link #close()} is idempotent and waits for the sockets.
 */
public final class StunServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StunServer.class);
    private static final long BIND_TIMEOUT_SECONDS = 10;

    private final List<Channel> channels;
    private final List<InetSocketAddress> addresses;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StunServer(List<Channel> channels, List<InetSocketAddress> addresses) {
        this.channels = channels;
        this.addresses = addresses;
    }

    public static StunServer start(EventLoopGroup group, List<HostPort> addresses) throws IOException {
        return start(group, addresses, Version.software());
    }

    /**
     * Binds every address (port 0 picks a free one), blocking until all are bound; must not be
     * called on an event loop. On any failure the ones already bound are closed again.
     *
     * @throws IOException naming the address that could not be bound or resolved
     */
    public static StunServer start(EventLoopGroup group, List<HostPort> addresses, String software)
            throws IOException {
        return start(group, addresses, software, null);
    }

    /** As above; {@code front}, a sharable handler, goes first in every pipeline (a test seam). */
    static StunServer start(EventLoopGroup group, List<HostPort> addresses, String software, ChannelHandler front)
            throws IOException {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(software, "software");
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses: empty (expected: at least one)");
        }
        List<Channel> channels = new ArrayList<>();
        try {
            for (HostPort address : addresses) {
                channels.add(bind(group, address));
            }
            List<InetSocketAddress> bound = channels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
            for (int i = 0; i < channels.size(); i++) {
                InetSocketAddress other = bound.size() > 1 ? bound.get((i + 1) % bound.size()) : null;
                Channel channel = channels.get(i);
                channel.pipeline().addFirst(new StunBindingHandler(software, other));
                if (front != null) {
                    channel.pipeline().addFirst(front);
                }
                channel.config().setAutoRead(true);
            }
            log.info("STUN server on {}", bound);
            return new StunServer(List.copyOf(channels), bound);
        } catch (IOException | RuntimeException e) {
            channels.forEach(c -> c.close().awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            throw e;
        }
    }

    private static Channel bind(EventLoopGroup group, HostPort address) throws IOException {
        InetSocketAddress resolved = address.resolve();
        // Reads start only once the handlers know every bound address (see start).
        ChannelFuture future = new Bootstrap().group(group).channel(Transports.datagram())
                .option(ChannelOption.AUTO_READ, false)
                .handler(DiscardHandler.INSTANCE) // the tail: releases what the STUN handler passes on
                .bind(resolved);
        if (!future.awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            future.channel().close();
            throw new IOException("STUN bind to " + address + " timed out");
        }
        if (!future.isSuccess()) {
            throw new IOException("STUN bind to " + address + " failed: " + future.cause().getMessage(),
                    future.cause());
        }
        return future.channel();
    }

    /** The bound addresses, in the order given (actual ports when 0 was asked). */
    public List<InetSocketAddress> addresses() {
        return addresses;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        log.info("STUN server on {} closed", addresses);
    }
}
