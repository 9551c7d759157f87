package io.p2proxy.transport.internal;

/** User event: the remote's TCP side half-closed; everything it sent has been passed on. */
public final class EndOfData {

    public static final EndOfData INSTANCE = new EndOfData();

    private EndOfData() {
    }

    @Override
    public String toString() {
        return "EndOfData";
    }
}
