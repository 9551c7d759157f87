package io.p2proxy.rendezvous.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.admin.AdminServer;
import io.p2proxy.common.HostPort;
import io.p2proxy.stun.StunServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * The single spot where the server starts the services other modules provide: the STUN Binding
 * responder ({@code stun} module) and the admin HTTP endpoint ({@code admin} module).
 *
 * <p>Both run on the server's event loop group; the server closes them before the group.
 */
public final class SideServices {

    private SideServices() {
    }

    /** A started service: where it listens, and how to stop it. */
    public interface Handle extends Closeable {
        List<InetSocketAddress> addresses();

        @Override
        void close();
    }

    private static final Handle NONE = new Handle() {
        @Override
        public List<InetSocketAddress> addresses() {
            return List.of();
        }

        @Override
        public void close() {
        }
    };

    /** An empty list means no STUN responder. */
    public static Handle stun(EventLoopGroup group, List<HostPort> addresses) throws IOException {
        if (addresses.isEmpty()) {
            return NONE;
        }
        StunServer stun = StunServer.start(group, addresses);
        return new Handle() {
            @Override
            public List<InetSocketAddress> addresses() {
                return stun.addresses();
            }

            @Override
            public void close() {
                stun.close();
            }
        };
    }

    /** {@code address} null means admin is off. */
    public static Handle admin(EventLoopGroup group, HostPort address, Supplier<?> status,
            PrometheusMeterRegistry metrics) throws IOException {
        if (address == null) {
            return NONE;
        }
        AdminServer admin = AdminServer.start(group, address, status, metrics);
        return new Handle() {
            @Override
            public List<InetSocketAddress> addresses() {
                return List.of(admin.localAddress());
            }

            @Override
            public void close() {
                admin.close();
            }
        };
    }
}
