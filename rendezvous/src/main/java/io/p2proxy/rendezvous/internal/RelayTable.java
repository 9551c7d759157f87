package io.p2proxy.rendezvous.internal;

import io.p2proxy.rendezvous.ServerStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pairs of peers the server has introduced, which may relay datagrams to each other. A pair
 * counts as introduced once a signal was routed each way between the two connections; it ends
 * with either connection (a peer that logs in again is introduced again). Shared by every loop.
 */
public final class RelayTable {

    private static final Logger log = LoggerFactory.getLogger(RelayTable.class);

    /** Unordered pair of names: {@code a} sorts first. */
    private record Key(String a, String b) {
        static Key of(String x, String y) {
            return x.compareTo(y) < 0 ? new Key(x, y) : new Key(y, x);
        }
    }

    private final ConcurrentHashMap<Key, RelayPair> pairs = new ConcurrentHashMap<>();

    /** Runs on {@code from}'s loop after the server routed a signal from {@code from} to {@code to}. */
    void signalled(Connection from, Connection to) {
        if (from == to) {
            return; // a peer is never introduced to itself
        }
        from.paired = true; // before the pair is published: see the check below
        to.paired = true;
        Key key = Key.of(from.name, to.name);
        RelayPair[] replaced = new RelayPair[1];
        RelayPair pair = pairs.compute(key, (k, old) -> {
            if (old != null && old.joins(from) && old.joins(to)) {
                return old;
            }
            replaced[0] = old; // one side logged in again: its old introduction is over
            return new RelayPair(from, to);
        });
        if (replaced[0] != null) {
            end(replaced[0]);
        }
        pair.signalled(from);
        // A connection that went inactive before the pair was published may have scanned already
        // (ended() runs after the channel is inactive): then remove the pair here.
        if ((!from.channel.isActive() || !to.channel.isActive()) && pairs.remove(key, pair)) {
            end(pair);
        }
    }

    /** The introduced pair of {@code from} and the peer named {@code to}, or null. */
    RelayPair find(Connection from, String to) {
        RelayPair pair = pairs.get(Key.of(from.name, to));
        return pair != null && pair.joins(from) && pair.introduced() ? pair : null;
    }

    /** Runs when {@code c} ends (on its loop): every introduction it took part in is over. */
    void ended(Connection c) {
        if (!c.paired) {
            return;
        }
        pairs.forEach((key, pair) -> {
            if (pair.joins(c) && pairs.remove(key, pair)) {
                end(pair);
            }
        });
    }

    private static void end(RelayPair pair) {
        pair.end();
        if (pair.started()) {
            log.info("relay {} ended: {} bytes relayed", pair, pair.bytes());
        }
    }

    /** Pairs that have relayed something, as {@code GET /status} shows them. */
    public List<ServerStatus.Relay> status() {
        List<ServerStatus.Relay> out = new ArrayList<>();
        for (RelayPair pair : pairs.values()) {
            if (pair.started() && pair.introduced()) {
                out.add(new ServerStatus.Relay(pair.a.name, pair.b.name, pair.bytes()));
            }
        }
        out.sort(Comparator.comparing(ServerStatus.Relay::a).thenComparing(ServerStatus.Relay::b));
        return out;
    }
}
