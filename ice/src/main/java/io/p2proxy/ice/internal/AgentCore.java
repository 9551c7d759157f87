package io.p2proxy.ice.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.CandidateType;
import io.p2proxy.ice.IceConfig;
import io.p2proxy.ice.IceCredentials;
import io.p2proxy.ice.IceEvent;
import io.p2proxy.ice.IceRole;
import io.p2proxy.ice.IceStats;
import io.p2proxy.ice.SelectedPair;
import io.p2proxy.stun.StunKey;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent's parts share: the pipeline context, the controller, credentials, counters and
 * the event sink. Every field is owned by the channel's event loop, except the final ones set at
 * construction. After each input to the controller a part calls {@link #publish()}, which turns
 * changes of the controller's outputs into events.
 */
public final class AgentCore {

    private static final Logger log = LoggerFactory.getLogger("io.p2proxy.ice.IceAgent");

    final IceConfig config;
    final IceCredentials local;
    final StunKey localKey;
    final IceController controller;
    private final Consumer<IceEvent> events;
    ChannelHandlerContext ctx;          // set in handlerAdded
    IceCredentials remote;              // null until signalled
    StunKey remoteKey;
    boolean closed;
    long checksSent;
    long checksAnswered;
    long checksRejected;
    long responsesDropped;
    private CandidatePair published;    // the selected pair last announced
    private IceRole publishedRole;
    private boolean failedPublished;
    /** Set by the agent: starts consent (and binds a TURN channel) when a pair is selected. */
    Consumer<CandidatePair> onSelected = p -> { };
    /** Set by the agent: its TURN allocations. */
    Relays relays;

    public AgentCore(IceConfig config, IceCredentials local, IceController controller, Consumer<IceEvent> events) {
        this.config = config;
        this.local = local;
        this.localKey = StunKey.shortTerm(local.pwd());
        this.controller = controller;
        this.events = events;
        this.publishedRole = controller.role();
    }

    long now() {
        return ctx.executor().ticker().nanoTime();
    }

    void remoteCredentials(IceCredentials credentials) {
        remote = credentials;
        remoteKey = StunKey.shortTerm(credentials.pwd());
    }

    /**
     * Sends one datagram to {@code to}: directly when {@code via} is null, else through the TURN
     * allocation whose relayed address {@code via} is (the TURN client ahead of this handler takes
     * writes with that sender); dropped if that allocation is gone. Takes ownership of {@code content}.
     */
    void send(ByteBuf content, InetSocketAddress to, InetSocketAddress via) {
        if (via != null && !relays.live(via)) {
            content.release();
            log.debug("ICE datagram to {} through {} not sent: no such allocation", to, via);
            return;
        }
        ctx.writeAndFlush(new DatagramPacket(content, to, via)).addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("ICE datagram to {} not sent: {}", to, f.cause().toString());
            }
        });
    }

    void emit(IceEvent event) {
        if (closed) {
            return;
        }
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            log.warn("ICE event listener threw on {}", event, e);
        }
    }

    /** Announces what changed in the controller's outputs since the last call. */
    void publish() {
        if (controller.role() != publishedRole) {
            publishedRole = controller.role();
            log.info("ICE role conflict resolved: now {}", publishedRole);
            emit(new IceEvent.RoleChanged(publishedRole));
        }
        CandidatePair selected = controller.selected();
        if (selected != null && selected != published) {
            SelectedPair pair = snapshot(selected);
            if (published == null) {
                log.info("ICE selected {} -> {} ({}), rtt {} ms", selected.local(), hostPort(selected.remote().address()),
                        selected.remote().type().token(), millis(pair));
                emit(new IceEvent.Selected(pair));
            } else {
                log.info("ICE switched to {} -> {} ({}), rtt {} ms", selected.local(), hostPort(selected.remote().address()),
                        selected.remote().type().token(), millis(pair));
                emit(new IceEvent.SelectedChanged(pair, snapshot(published)));
            }
            published = selected;
            onSelected.accept(selected);
        } else if (selected == null) {
            published = null;
        }
        if (controller.failure() != null && !failedPublished) {
            failedPublished = true;
            log.warn("ICE failed: {}", controller.failure());
            emit(new IceEvent.Failed(controller.failure()));
        } else if (controller.failure() == null) {
            failedPublished = false; // checks started again: a retry's failure is announced too
        }
    }

    /** Where datagrams from {@code local} go out: its relayed address for a relay candidate, else null (the socket). */
    static InetSocketAddress via(Candidate local) {
        return local.type() == CandidateType.RELAY ? local.address() : null;
    }

    static SelectedPair snapshot(CandidatePair p) {
        return new SelectedPair(p.local(), p.remote(), p.rtt() == null ? java.time.Duration.ZERO : p.rtt());
    }

    private static String millis(SelectedPair p) {
        return String.format("%.1f", p.rtt().toNanos() / 1e6);
    }

    static String hostPort(InetSocketAddress a) {
        String ip = a.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }

    IceStats stats() {
        return new IceStats(checksSent, checksAnswered, checksRejected, responsesDropped);
    }
}
