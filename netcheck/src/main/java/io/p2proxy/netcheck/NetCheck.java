package io.p2proxy.netcheck;

import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.netcheck.internal.NetCheckRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Measures this host's UDP path to a STUN server: reachability, the public mapping, the NAT's
 * mapping behaviour across the server's addresses (RFC 4787 §4.1, tested as in RFC 5780 §4.3),
 * filtering where the server supports CHANGE-REQUEST, hairpinning, and latency. Blocking; runs on
 * an event loop of its own, closed before it returns. With UDP blocked it returns within ~3.5 s.
 */
public final class NetCheck {

    private NetCheck() {
    }

    public static NetReport run(HostPort server) throws NetCheckException {
        return run(server, NetCheckOptions.defaults());
    }

    /**
     * @throws NetCheckException when it cannot run: a name that does not resolve, no local socket.
     *         Everything the network does (silence, errors) is a finding in the report instead.
     */
    public static NetReport run(HostPort server, NetCheckOptions options) throws NetCheckException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(options, "options");
        InetSocketAddress primary = resolve(server, "the server name");
        InetSocketAddress second = options.second() == null ? null : resolve(options.second(), "the second server name");
        EventLoopGroup group = Transports.group(1, NamedThreadFactory.of("netcheck"));
        try {
            return new NetCheckRun(group, options).run(server.toString(), primary, second);
        } catch (IOException e) {
            throw new NetCheckException(e.getMessage(), e);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static InetSocketAddress resolve(HostPort address, String what) throws NetCheckException {
        try {
            return address.resolve();
        } catch (UnknownHostException e) {
            throw new NetCheckException("cannot resolve " + what + " " + address.host(), e);
        }
    }
}
