package io.p2proxy.rendezvous.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two logged-in connections the server has introduced to each other, or is introducing: the pair
 * relays once a signal was routed each way. Shared by both connections' loops, hence volatile and
 * atomic fields. {@code a}'s name sorts before {@code b}'s.
 */
final class RelayPair {

    final Connection a;
    final Connection b;
    private volatile boolean signalledFromA;
    private volatile boolean signalledFromB;
    private volatile boolean ended;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong bytes = new AtomicLong();

    /** @param x and {@code y}: the two connections in any order */
    RelayPair(Connection x, Connection y) {
        boolean xFirst = x.name.compareTo(y.name) < 0;
        this.a = xFirst ? x : y;
        this.b = xFirst ? y : x;
    }

    boolean joins(Connection c) {
        return c == a || c == b;
    }

    Connection other(Connection c) {
        return c == a ? b : a;
    }

    /** The server routed a signal from {@code from} (one of the two) to the other. */
    void signalled(Connection from) {
        if (from == a) {
            signalledFromA = true;
        } else {
            signalledFromB = true;
        }
    }

    /** A signal each way, and neither connection has ended since. */
    boolean introduced() {
        return signalledFromA && signalledFromB && !ended;
    }

    /** Counts a relayed datagram; true the first time, when the pair starts relaying. */
    boolean relayed(int size) {
        bytes.addAndGet(size);
        return !started.get() && started.compareAndSet(false, true);
    }

    long bytes() {
        return bytes.get();
    }

    boolean started() {
        return started.get();
    }

    void end() {
        ended = true;
    }

    @Override
    public String toString() {
        return a.name + " <-> " + b.name;
    }
}
