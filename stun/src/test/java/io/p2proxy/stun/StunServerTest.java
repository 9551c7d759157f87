package io.p2proxy.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.testkit.Fds;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our client against our server over real loopback sockets. */
class StunServerTest {

    private static EventLoopGroup group;

    @BeforeAll
    static void startGroup() {
        group = Transports.group(2, NamedThreadFactory.of("stun-test"));
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void clientLearnsItsExactLoopbackAddress() throws Exception {
        try (StunServer server = StunServer.start(group, List.of(new HostPort("127.0.0.1", 0)))) {
            InetSocketAddress address = server.addresses().get(0);
            assertThat(address.getPort()).isPositive();
            Channel socket = clientSocket();
            try (StunClient client = StunClient.attach(socket)) {
                InetSocketAddress mapped = client.binding(address).get(5, TimeUnit.SECONDS);
                assertThat(mapped).isEqualTo(socket.localAddress());
            } finally {
                socket.close().syncUninterruptibly();
            }
        }
    }

    @Test
    void twoAddressesNameEachOtherAsOtherAddress() throws Exception {
        try (StunServer server = StunServer.start(group,
                List.of(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0)))) {
            List<InetSocketAddress> addresses = server.addresses();
            Channel socket = clientSocket();
            try (StunClient client = StunClient.attach(socket)) {
                StunMessage response = client.send(addresses.get(0), StunMessage.request(StunMethod.BINDING))
                        .get(5, TimeUnit.SECONDS);
                assertThat(response.attribute(NatBehaviorAttribute.OtherAddress.class)).contains(
                        new NatBehaviorAttribute.OtherAddress(addresses.get(1)));
                assertThat(response.attribute(NatBehaviorAttribute.ResponseOrigin.class)).contains(
                        new NatBehaviorAttribute.ResponseOrigin(addresses.get(0)));
            } finally {
                socket.close().syncUninterruptibly();
            }
        }
    }

    @Test
    void closeIsIdempotentAndReleasesTheSockets() throws Exception {
        long before = Fds.count();
        StunServer server = StunServer.start(group, List.of(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0)));
        assertThat(server.addresses()).hasSize(2);
        server.close();
        server.close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Fds.count()).isLessThanOrEqualTo(before));
    }

    @Test
    void aBusyPortFailsWithTheAddressNamedAndLeavesNothingBound() throws Exception {
        try (StunServer first = StunServer.start(group, List.of(new HostPort("127.0.0.1", 0)))) {
            int port = first.addresses().get(0).getPort();
            assertThatThrownBy(() -> StunServer.start(group,
                    List.of(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", port))))
                    .isInstanceOf(IOException.class).hasMessageContaining("127.0.0.1:" + port);
        }
    }

    private static Channel clientSocket() {
        return new Bootstrap().group(group).channel(Transports.datagram())
                .handler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }
}
