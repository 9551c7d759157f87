package io.p2proxy.config.internal;

import io.p2proxy.common.HostPort;
import io.p2proxy.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/** TCP addresses a process will listen on; a second listener on a taken address is a config error. */
public final class ListenerSet {

    private record Entry(HostPort address, Origin origin) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds {@code address}, or fails naming the place that already has it. Null is ignored. */
    public void add(HostPort address, Origin origin) throws ConfigException {
        if (address == null) {
            return;
        }
        for (Entry e : entries) {
            if (clash(e.address(), address)) {
                throw origin.bad(Show.text(address.toString()), "an address no other listener uses; "
                        + e.origin().prefix() + " listens on " + e.address());
            }
        }
        entries.add(new Entry(address, origin));
    }

    /**
     * Same port and the same host, or a wildcard host on either side (binding 0.0.0.0:P fails
     * while 127.0.0.1:P is bound). Port 0 means "any free port" and never clashes.
     */
    static boolean clash(HostPort a, HostPort b) {
        if (a.port() == 0 || a.port() != b.port()) {
            return false;
        }
        return a.host().equalsIgnoreCase(b.host()) || wildcard(a.host()) || wildcard(b.host());
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }
}
