package io.p2proxy.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.stun.TurnAttribute;
import io.p2proxy.testkit.RecordingLog;
import io.p2proxy.turn.internal.TurnStreamDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A TURN server over TCP that grants the allocation and then hangs up: the allocation is lost
 * with the connection, said once in the log and once as an event; nothing reconnects.
 */
class TcpConnectionLostTest {

    private static final InetSocketAddress RELAYED = new InetSocketAddress("127.0.0.1", 50000);
    private static EventLoopGroup group;
    private static Channel server;

    @BeforeAll
    static void start() {
        group = Transports.group(2, NamedThreadFactory.of("turn-lost-test"));
        server = new ServerBootstrap().group(group).channel(Transports.serverSocket())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new TurnStreamDecoder(), new GrantThenHangUp());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    @AfterAll
    static void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void losingTheConnectionLosesTheAllocationOnce() throws Exception {
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        try (RecordingLog log = new RecordingLog("io.p2proxy.turn.TurnClient");
                RelayEnd end = RelayEnd.open(group, TurnConfig.of(address, "u", "p").withTransport(TurnTransport.TCP))) {
            TurnAllocation allocation = end.turn.allocate().get(10, TimeUnit.SECONDS);
            assertThat(allocation.relayed()).isEqualTo(RELAYED);
            await().atMost(Duration.ofSeconds(5)).until(() -> end.events.size() == 2);
            assertThat(end.events.get(1)).isInstanceOfSatisfying(TurnEvent.RefreshFailed.class,
                    f -> assertThat(f.lost()).isTrue());
            assertThat(log.linesWith("lost with its connection")).hasSize(1);
            assertThat(end.turn.stats().get().allocated()).isFalse();
        }
    }

    /** Answers the first request with success, then closes the connection. */
    private static final class GrantThenHangUp extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws Exception {
            StunMessage response = StunMessage.successResponse(StunCodec.decode(frame), java.util.List.of(
                    new TurnAttribute.XorRelayedAddress(RELAYED),
                    new StunAttribute.XorMappedAddress((InetSocketAddress) ctx.channel().remoteAddress()),
                    new TurnAttribute.Lifetime(Duration.ofSeconds(600))));
            ctx.writeAndFlush(StunCodec.encode(ctx.alloc(), response, StunProtection.FINGERPRINT))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
