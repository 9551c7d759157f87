package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.p2proxy.common.ResourceAddress;
import io.p2proxy.session.SessionManager;
import io.p2proxy.transport.OpenMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a client connection onto the event loop of the session to its peer and opens a stream.
 *
 * <p>A SOCKS or HTTP listener learns the peer only after reading the request, on the acceptor's
 * loop; but a spliced socket must live on {@code sessions.loopFor(peer)} (one loop per session,
 * DESIGN.md). So the channel is deregistered and registered again on that loop. AUTO_READ is off
 * throughout: nothing is read while it moves, and the kernel keeps whatever arrives meanwhile; the
 * bytes already read travel in the {@link OpenGate}, ahead of the pipeline.
 */
public final class SessionOpener implements Opener {

    private static final Logger log = LoggerFactory.getLogger(SessionOpener.class);

    private final SessionManager sessions;
    private final String label;
    private final String kind;

    /** @param label names the listener in log lines; @param kind travels in OPEN metadata, e.g. {@code socks} */
    public SessionOpener(SessionManager sessions, String label, String kind) {
        this.sessions = sessions;
        this.label = label;
        this.kind = kind;
    }

    @Override
    public void open(Channel client, ResourceAddress to, ByteBuf early, Replies replies) {
        OpenGate gate = new OpenGate(early);
        client.pipeline().addFirst(gate);
        EventLoop target = sessions.loopFor(to.peer());
        if (client.eventLoop() == target) {
            start(client, to, gate, replies);
            return;
        }
        client.deregister().addListener(d -> {
            if (!d.isSuccess()) {
                fail(client, to, gate, "cannot leave the acceptor's loop: " + d.cause());
                return;
            }
            target.register(client).addListener(r -> {
                if (!r.isSuccess()) {
                    fail(client, to, gate, "cannot join the session's loop: " + r.cause());
                } else {
                    start(client, to, gate, replies);
                }
            });
        });
    }

    private void start(Channel client, ResourceAddress to, OpenGate gate, Replies replies) {
        String who = Clients.describe(client);
        if (!client.isActive()) {
            log.debug("{}: client {} left before {} opened", label, who, to);
            gate.refused(Unpooled.EMPTY_BUFFER); // nobody to answer: releases what was held and closes
            return;
        }
        sessions.openStream(to, OpenMetadata.lenient(who, kind), (DuplexChannel) client).addListener(f -> {
            if (f.isSuccess()) {
                log.debug("{}: client {} connected to {}", label, who, to);
                gate.opened(replies.opened(client.alloc()));
                return;
            }
            Refusal refusal = Refusal.of(f.cause());
            String reason = Refusal.reason(f.cause());
            log.info("{}: client {} refused {}: {}", label, who, to, reason);
            gate.refused(replies.refused(refusal, reason, client.alloc()));
        });
    }

    private void fail(Channel client, ResourceAddress to, OpenGate gate, String reason) {
        log.warn("{}: client {} dropped on its way to {}: {}", label, Clients.describe(client), to, reason);
        gate.abandon();
        client.unsafe().closeForcibly(); // registered nowhere: what Netty itself does when registration fails
    }
}
