package io.p2proxy.transport.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.p2proxy.transport.OpenError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Places streams on a peer pair's QUIC connections. Netty's QUIC codec visits every writable
 * stream of a connection on each packet it receives, so a connection's per-packet cost grows with
 * its open streams (measured: 10,000 idle streams took a bulk stream from ~150 to ~2 MiB/s). So a
 * connection carries at most {@code streamsPerConnection} streams (also its QUIC stream limit,
 * RFC 9000 section 4.6), a new stream goes to the least loaded connection, and the dialer adds
 * connections on the same socket when all are full and retires extra ones that fall idle.
 * Opens that find no credit wait here, in order. Event loop only.
 */
public final class LinkPool {

    private final PeerCore core;
    private final List<QuicLink> all = new ArrayList<>();
    private final List<QuicLink> up = new ArrayList<>();
    private final Set<QuicLink> retiring = new HashSet<>();
    private final ArrayDeque<OpenRequest> queue = new ArrayDeque<>();
    private int peerLimit = Integer.MAX_VALUE;
    /** How long opens wait for MAX_STREAMS on a connection below its share before another is dialed. */
    static final long CREDIT_WAIT_MILLIS = 500;
    private java.util.concurrent.ScheduledFuture<?> creditWait;
    private boolean creditWaitOver;

    LinkPool(PeerCore core) {
        this.core = core;
    }

    void connecting(QuicLink link) {
        all.add(link);
    }

    void up(QuicLink link) {
        up.add(link);
    }

    void down(QuicLink link) {
        all.remove(link);
        up.remove(link);
    }

    boolean retired(QuicLink link) {
        return retiring.remove(link);
    }

    List<QuicLink> all() {
        return all;
    }

    /** QUIC connections up now. */
    public int size() {
        return up.size();
    }

    /** Streams open or opening over every connection, and opens still queued. */
    public int streams() {
        int n = queue.size();
        for (QuicLink link : all) {
            n += link.streams;
        }
        return n;
    }

    /** The first connection up, for RTT; {@code null} before any. */
    public io.netty.handler.codec.quic.QuicChannel primary() {
        return up.isEmpty() ? null : up.get(0).channel;
    }

    void enqueue(OpenRequest request) {
        queue.add(request);
    }

    void failQueued(OpenError error, Throwable cause) {
        for (OpenRequest r : queue) {
            r.fail(error, cause);
        }
        queue.clear();
    }

    void drain() {
        while (!queue.isEmpty()) {
            OpenRequest request = queue.peek();
            if (request.isDone()) {
                queue.poll();
                continue;
            }
            QuicLink link = pick();
            if (link == null) {
                if (allAtCap() || creditWaitOver) {
                    maybeDial();
                } else if (creditWait == null) {
                    // Out of QUIC credit only: finished streams' MAX_STREAMS is usually on its way (a limit
                    // event drains). A peer that grants fewer streams than we place never sends it, though.
                    creditWait = core.loop().schedule(this::creditWaitOver, CREDIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
                return;
            }
            creditWaitOver = false;
            queue.poll();
            open(link, request);
        }
    }

    /** The least loaded connection with room and QUIC stream credit, or {@code null}. */
    QuicLink pick() {
        QuicLink best = null;
        int cap = core.config().streamsPerConnection();
        for (QuicLink link : up) {
            if (link.streams < cap && !retiring.contains(link)
                    && link.channel.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL) > 0
                    && (best == null || link.streams < best.streams)) {
                best = link;
            }
        }
        return best;
    }

    private void creditWaitOver() {
        creditWait = null;
        if (!queue.isEmpty()) {
            creditWaitOver = true; // no credit came back in time: add a connection after all
            core.drain();
        }
    }

    /** The acceptor refused a connection beyond {@code limit}: never dial past it again. */
    void peerLimit(int limit) {
        peerLimit = Math.max(1, limit);
    }

    /**
     * True when every connection carries its share by our own count. A connection below it that has
     * no credit left is waiting for the peer's MAX_STREAMS (quiche grants more once half is used):
     * dialing then would add connections that end up carrying nothing.
     */
    private boolean allAtCap() {
        int cap = core.config().streamsPerConnection();
        for (QuicLink link : up) {
            if (link.streams < cap && !retiring.contains(link)) {
                return false;
            }
        }
        return true;
    }

    private void maybeDial() {
        int limit = Math.min(core.config().maxConnections(), peerLimit);
        if (core.dialer() && all.size() == up.size() && all.size() < limit) {
            core.dial(); // one connection handshaking at a time; the queue drains when it is up
        }
    }

    private void open(QuicLink link, OpenRequest request) {
        link.streams++; // reserved now: creation may complete later and pick() must see it
        link.channel.newStreamBootstrap()
                .type(QuicStreamType.BIDIRECTIONAL)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(QuicStreamChannel stream) {
                        link.streamAdded(stream);
                        stream.pipeline().addLast(new AnswerHandler(request, link));
                    }
                })
                .create().addListener(f -> {
                    link.streams--;
                    if (f.isSuccess()) {
                        core.startOpener(link, (QuicStreamChannel) f.getNow(), request);
                    } else if (!request.isDone()) {
                        queue.addFirst(request); // out of credit after all: wait for MAX_STREAMS
                    }
                });
    }

    /** Dialer only: closes a connection that carries nothing, unless it is the first one. */
    void maybeRetire(QuicLink link) {
        if (core.dialer() && link.up && link.streams == 0 && queue.isEmpty()
                && !up.isEmpty() && up.get(0) != link && retiring.add(link)) {
            link.channel.close(true, AppCodes.CONN_SURPLUS, Unpooled.EMPTY_BUFFER);
        }
    }
}
