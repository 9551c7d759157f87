package io.p2proxy.rtsp.internal;

import io.netty.channel.Channel;
import io.p2proxy.common.HostPort;
import java.net.InetSocketAddress;

/** How a client is named in log lines and OPEN metadata. */
public final class Clients {

    private Clients() {
    }

    public static String describe(Channel ch) {
        return ch.remoteAddress() instanceof InetSocketAddress a ? HostPort.of(a).toString() : String.valueOf(ch.remoteAddress());
    }
}
