package io.p2proxy.netcheck;

import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.stun.StunServer;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * {@code LabStunServer HOST:PORT...}: our StunServer on those addresses, for a NAT lab's {@code pub}
 * (the rendezvous server runs the same class; this module cannot depend on the CLI). Prints
 * {@code ready} once bound; stops when its stdin ends or it is killed.
 */
public final class LabStunServer {

    private LabStunServer() {
    }

    public static void main(String[] args) throws IOException {
        EventLoopGroup group = Transports.group(1, NamedThreadFactory.of("lab-stun"));
        try (StunServer server = StunServer.start(group, Arrays.stream(args).map(HostPort::parse).toList())) {
            System.out.println("ready " + server.addresses());
            while (System.in.read() >= 0) {
                // the test keeps stdin open; EOF ends the server
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
