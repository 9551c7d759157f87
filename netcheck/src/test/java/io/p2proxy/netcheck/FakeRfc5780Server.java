package io.p2proxy.netcheck;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.stun.NatBehaviorAttribute;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunClass;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMessages;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.StunProtection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A STUN server that honours CHANGE-REQUEST (RFC 5780 §6.1), which ours does not: on three
 * addresses, {@code primary}, {@code otherPort} (same IP) and {@code otherBoth} (another IP and
 * port, named in OTHER-ADDRESS). A request to the primary asking for a change is answered from
 * the matching address. As a main ({@code PRIMARY OTHER_PORT OTHER_BOTH}) it prints {@code ready}.
 */
final class FakeRfc5780Server implements AutoCloseable {

    private final List<Channel> channels = new ArrayList<>();

    FakeRfc5780Server(EventLoopGroup group, List<HostPort> addresses) throws IOException {
        for (HostPort address : addresses) {
            channels.add(new Bootstrap().group(group).channel(Transports.datagram()).handler(new Answerer())
                    .bind(address.resolve()).syncUninterruptibly().channel());
        }
    }

    List<InetSocketAddress> addresses() {
        return channels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    private final class Answerer extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) throws StunException {
            if (!StunMessages.isStun(packet.content())) {
                return;
            }
            StunMessage request = StunCodec.decode(packet.content(), StunProtection.NONE);
            if (request.method() != StunMethod.BINDING || request.messageClass() != StunClass.REQUEST) {
                return;
            }
            var change = request.attribute(NatBehaviorAttribute.ChangeRequest.class);
            Channel from = ctx.channel();
            if (from == channels.get(0) && change.isPresent()) {
                from = change.get().changeIp() ? channels.get(2) : change.get().changePort() ? channels.get(1) : from;
            }
            StunMessage response = StunMessage.successResponse(request, List.of(
                    new StunAttribute.XorMappedAddress(packet.sender()),
                    new NatBehaviorAttribute.ResponseOrigin((InetSocketAddress) from.localAddress()),
                    new NatBehaviorAttribute.OtherAddress(addresses().get(2))));
            from.writeAndFlush(new DatagramPacket(StunCodec.encode(from.alloc(), response, StunProtection.FINGERPRINT),
                    packet.sender()));
        }
    }

    @Override
    public void close() {
        channels.forEach(c -> c.close().syncUninterruptibly());
    }

    public static void main(String[] args) throws IOException {
        EventLoopGroup group = Transports.group(1, NamedThreadFactory.of("fake-5780"));
        try (FakeRfc5780Server server = new FakeRfc5780Server(group, List.of(args).stream().map(HostPort::parse).toList())) {
            System.out.println("ready " + server.addresses());
            while (System.in.read() >= 0) {
                // EOF on stdin (or a kill) ends the server
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
