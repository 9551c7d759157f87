package io.p2proxy.transport.internal;

/** Application byte counters of one peer pair; written and read on its event loop only. */
public final class Traffic {
    long sent;
    long received;

    public long sent() {
        return sent;
    }

    public long received() {
        return received;
    }
}
