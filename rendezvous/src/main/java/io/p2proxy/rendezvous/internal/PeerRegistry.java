package io.p2proxy.rendezvous.internal;

import io.p2proxy.rendezvous.ServerStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names bound to keys (first come, for the server's lifetime) and the peers online now. Shared by
 * every loop of the server, hence concurrent maps; each connection's own state stays on its loop.
 */
public final class PeerRegistry {

    private final ConcurrentHashMap<String, String> keyByName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Connection> online = new ConcurrentHashMap<>();

    /** Binds {@code name} to {@code key} unless another key holds it; true when {@code key} owns the name. */
    boolean bind(String name, String key) {
        return keyByName.putIfAbsent(name, key) == null || keyByName.get(name).equals(key);
    }

    /** Publishes a logged-in connection; returns the one it replaces (same name, so same key), or null. */
    Connection online(Connection c) {
        return online.put(c.name, c);
    }

    /** Removes {@code c} unless a newer connection already took its name. */
    boolean offline(Connection c) {
        return c.name != null && online.remove(c.name, c);
    }

    Connection find(String name) {
        return online.get(name);
    }

    /** Ever logged in here: a name that is not online is then "offline", not "unknown". */
    boolean known(String name) {
        return keyByName.containsKey(name);
    }

    public int onlineCount() {
        return online.size();
    }

    /** Online peers by name, as {@code GET /status} shows them. */
    public List<ServerStatus.Peer> peers() {
        List<ServerStatus.Peer> peers = new ArrayList<>(online.size());
        for (Connection c : online.values()) {
            peers.add(new ServerStatus.Peer(c.name, c.id, c.address.toString(), c.since.toString()));
        }
        peers.sort(Comparator.comparing(ServerStatus.Peer::name));
        return peers;
    }
}
