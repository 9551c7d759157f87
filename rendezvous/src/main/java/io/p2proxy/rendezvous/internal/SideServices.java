package io.p2proxy.rendezvous.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.admin.AdminServer;
import io.p2proxy.common.HostPort;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single spot where the server starts the services other modules provide: the STUN Binding
 * responder ({@code stun} module) and the admin HTTP endpoint ({@code admin} module).
 *
 * <p>WIRING SPOT (stun): the stun module had no responder when this was written. Replace the body
 * of {@link #stun} with {@code StunServer.start(group, addresses)}; nothing else in the server changes.
 */
public final class SideServices {

    private static final Logger log = LoggerFactory.getLogger(SideServices.class);

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

    public static Handle stun(EventLoopGroup group, List<HostPort> addresses) {
        if (!addresses.isEmpty()) {
            log.warn("STUN responder not in this build yet; not answering on {}", addresses);
        }
        return NONE; // WIRING SPOT (stun)
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
