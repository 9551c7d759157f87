package io.p2proxy.session.internal;

import io.netty.channel.socket.DatagramChannel;
import io.p2proxy.ice.Candidate;
import io.p2proxy.ice.CandidateType;
import io.p2proxy.ice.IceAgent;
import io.p2proxy.ice.IceConfig;
import io.p2proxy.ice.IceCredentials;
import io.p2proxy.ice.IceEvent;
import io.p2proxy.ice.IceException;
import io.p2proxy.ice.IceRole;
import io.p2proxy.ice.SelectedPair;
import java.util.List;

/** {@link IcePath} on a real {@link IceAgent}: host and server-reflexive candidates, checks, consent. */
public final class AgentPath implements IcePath {

    private final IceAgent agent;
    private final IceCredentials local;
    private final NatClues clues = new NatClues();
    private volatile double rtt = -1;

    private AgentPath(DatagramChannel udp, boolean controlling, IceConfig config, Listener listener) {
        agent = IceAgent.create(udp, controlling ? IceRole.CONTROLLING : IceRole.CONTROLLED, config,
                event -> onEvent(event, listener));
        local = agent.localCredentials();
    }

    /** Sessions get ICE with this configuration (STUN servers, loopback, timers). */
    public static Factory factory(IceConfig config) {
        return (udp, controlling, listener) -> new AgentPath(udp, controlling, config, listener);
    }

    private void onEvent(IceEvent event, Listener listener) {
        if (event instanceof IceEvent.LocalCandidate c) {
            clues.local(c.candidate());
            listener.localCandidate(c.candidate().format());
        } else if (event instanceof IceEvent.GatheringDone) {
            listener.gatheringDone();
        } else if (event instanceof IceEvent.Selected s) {
            selected(s.pair(), listener, "ICE selected it");
        } else if (event instanceof IceEvent.SelectedChanged s) {
            selected(s.pair(), listener, "a better pair succeeded");
        } else if (event instanceof IceEvent.Failed f) {
            listener.failed(f.reason());
        } else if (event instanceof IceEvent.ConsentLost c) {
            listener.consentLost("no consent response from " + c.pair().remoteAddress() + " for "
                    + io.p2proxy.common.Durations.format(c.silence()));
        }
    }

    private void selected(SelectedPair pair, Listener listener, String why) {
        rtt = pair.rtt().toNanos() / 1e6;
        listener.selected(pair.remoteAddress(), pair.relayedVia(), kind(pair), why);
    }

    /** SPEC.md's path words: direct (host, srflx, prflx), turn (a relay candidate). */
    private static String kind(SelectedPair pair) {
        return pair.local().type() == CandidateType.RELAY || pair.remote().type() == CandidateType.RELAY ? "turn" : "direct";
    }

    @Override
    public String ufrag() {
        return local.ufrag();
    }

    @Override
    public String pwd() {
        return local.pwd();
    }

    @Override
    public void start() {
        agent.gather();
    }

    @Override
    public void remoteCredentials(String ufrag, String pwd) {
        agent.setRemoteCredentials(new IceCredentials(ufrag, pwd));
    }

    @Override
    public void addRemoteCandidates(List<String> candidates, boolean done) {
        for (String text : candidates) {
            try {
                Candidate c = Candidate.parse(text);
                clues.remote(c);
                agent.addRemoteCandidate(c);
            } catch (IceException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        if (done) {
            agent.remoteEndOfCandidates();
        }
    }

    @Override
    public void retry() {
        agent.retry();
    }

    @Override
    public String diagnosis() {
        return clues.diagnosis();
    }

    @Override
    public double rttMillis() {
        return rtt;
    }

    @Override
    public void close() {
        agent.close();
    }
}
