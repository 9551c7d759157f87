package io.p2proxy.session;

import io.netty.channel.socket.DatagramChannel;
import io.p2proxy.session.internal.IcePath;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;

/**
 * A working stand-in for ICE on loopback: its one candidate is the socket's own loopback address,
 * and it selects the first remote candidate once it has one. No checks, no consent: it exists to
 * test sessions, QUIC and streams apart from ICE.
 */
final class FakeIcePath implements IcePath {

    static final Factory FACTORY = FakeIcePath::new;

    private final DatagramChannel udp;
    private final Listener listener;
    private final String ufrag = UUID.randomUUID().toString().substring(0, 8);
    private InetSocketAddress remote;
    private boolean started;
    private boolean selected;

    private FakeIcePath(DatagramChannel udp, boolean controlling, Listener listener) {
        this.udp = udp;
        this.listener = listener;
    }

    @Override
    public String ufrag() {
        return ufrag;
    }

    @Override
    public String pwd() {
        return "fake-password-fake-password";
    }

    @Override
    public void start() {
        started = true;
        listener.localCandidate("127.0.0.1:" + udp.localAddress().getPort());
        listener.gatheringDone();
        maybeSelect();
    }

    @Override
    public void remoteCredentials(String ufrag, String pwd) {
    }

    @Override
    public void addRemoteCandidates(List<String> candidates, boolean done) {
        for (String c : candidates) {
            int colon = c.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("candidate: '" + c + "' (expected: 127.0.0.1:PORT)");
            }
            if (remote == null) {
                remote = new InetSocketAddress(c.substring(0, colon), Integer.parseInt(c.substring(colon + 1)));
            }
        }
        maybeSelect();
    }

    private void maybeSelect() {
        if (started && remote != null && !selected) {
            selected = true;
            listener.selected(remote, null, "direct", "fake");
        }
    }

    @Override
    public double rttMillis() {
        return 0;
    }

    @Override
    public void close() {
    }
}
