package io.p2proxy.signal;

/** Where a {@link SignalClient} stands with its server. */
public enum SignalState {
    /** Dialing, upgrading to WebSocket or logging in. */
    CONNECTING,
    /** Logged in: {@link SignalClient#welcome()} is set and signals flow. */
    CONNECTED,
    /** Lost or never reached the server; a reconnect is scheduled. */
    DISCONNECTED,
    /** Closed by its owner or refused permanently; it never reconnects. */
    STOPPED;

    /** The word used in status JSON ({@code "connected"}). */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
