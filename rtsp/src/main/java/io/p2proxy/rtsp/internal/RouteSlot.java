package io.p2proxy.rtsp.internal;

/**
 * The route of one client connection, shared by its handlers; set once by {@link RouteHandler}
 * before any message reaches the rewriters. Owned by the connection's event loop (the move from
 * the acceptor's loop to the session's happens-before every later use: it is a task hand-off).
 */
public final class RouteSlot {

    private RtspRoute route;

    public RtspRoute get() {
        return route;
    }

    void set(RtspRoute route) {
        this.route = route;
    }
}
