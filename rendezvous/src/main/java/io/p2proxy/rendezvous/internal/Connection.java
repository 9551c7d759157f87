package io.p2proxy.rendezvous.internal;

import io.netty.channel.Channel;
import io.p2proxy.common.HostPort;
import java.time.Instant;

/**
 * What the server keeps per signaling connection, shared by that connection's handlers. Kept
 * small on purpose (tens of thousands live at once). Fields are written on the channel's loop;
 * {@code name}, {@code id} and {@code since} are set once at login, before the connection is
 * published in the {@link PeerRegistry}, so other loops read them safely through the map.
 */
public final class Connection {

    final Channel channel;
    final HostPort address;
    String name;
    String id;
    Instant since;
    /** Why the connection ended, as the logout log line says it; first writer wins. */
    String closeReason;
    /** Set (by any loop) once the {@link RelayTable} holds a pair with this connection; read when it ends. */
    volatile boolean paired;

    Connection(Channel channel, HostPort address) {
        this.channel = channel;
        this.address = address;
    }

    void closeReason(String why) {
        if (closeReason == null) {
            closeReason = why;
        }
    }

    boolean loggedIn() {
        return since != null;
    }

    String who() {
        return name + " (" + (id == null ? "?" : id.substring(0, 8)) + ")";
    }
}
