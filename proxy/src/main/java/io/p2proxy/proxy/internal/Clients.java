package io.p2proxy.proxy.internal;

import io.netty.channel.Channel;
import io.p2proxy.common.HostPort;
import java.net.InetSocketAddress;

/** How log lines name a client. */
public final class Clients {

    private Clients() {
    }

    public static String describe(Channel ch) {
        return ch.remoteAddress() instanceof InetSocketAddress a ? HostPort.of(a).toString() : String.valueOf(ch.remoteAddress());
    }
}
