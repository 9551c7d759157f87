package io.p2proxy.netcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.netcheck.NetReport.Probe;
import io.p2proxy.stun.StunServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole check against our own StunServer on loopback: no NAT, so every mapping is the socket itself. */
class NetCheckTest {

    private static EventLoopGroup group;

    @BeforeAll
    static void startGroup() {
        group = Transports.group(1, NamedThreadFactory.of("netcheck-test"));
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void twoPortsOnLoopbackShowOneMappingNoNatAndALatency() throws Exception {
        try (StunServer server = start("127.0.0.1", "127.0.0.1")) {
            NetReport report = NetCheck.run(HostPort.of(server.addresses().get(0)));

            assertThat(report.udp().reachable()).isTrue();
            assertThat(report.probes()).extracting(Probe::role).containsExactly("primary", "second port");
            assertThat(report.probes()).extracting(Probe::destination).containsExactlyElementsOf(server.addresses());
            assertThat(report.probes()).extracting(Probe::mapped).containsOnly(report.local());
            assertThat(report.behindNat()).isFalse();
            assertThat(report.mapping().kind()).isEqualTo(MappingBehavior.Kind.ENDPOINT_INDEPENDENT);
            assertThat(report.mapping().basis()).contains("two ports");
            assertThat(report.filtering().behaviour()).isEqualTo("not tested");
            assertThat(report.filtering().detail()).contains("does not support CHANGE-REQUEST");
            assertThat(report.hairpin().result()).isEqualTo("not tested");
            assertThat(report.latency().samples()).isEqualTo(5);
            assertThat(report.latency().median()).isPositive().isLessThan(Duration.ofMillis(500));
            assertThat(report.verdict()).contains("direct connections likely");
        }
    }

    @Test
    void otherAddressIsFollowedToAThirdServerAddress() throws Exception {
        try (StunServer server = start("127.0.0.1", "127.0.0.1", "127.0.0.2")) {
            NetReport report = NetCheck.run(HostPort.of(server.addresses().get(0)));

            assertThat(report.probes()).extracting(Probe::role).containsExactly("primary", "second port", "second address");
            assertThat(report.probes()).allMatch(Probe::answered);
            assertThat(report.mapping().kind()).isEqualTo(MappingBehavior.Kind.ENDPOINT_INDEPENDENT);
            assertThat(report.mapping().basis()).isEqualTo("one mapping for two ports and two addresses");
        }
    }

    @Test
    void aServerWithOneAddressLeavesTheMappingUnknownUnlessASecondIsGiven() throws Exception {
        try (StunServer one = start("127.0.0.1"); StunServer other = start("127.0.0.2")) {
            HostPort primary = HostPort.of(one.addresses().get(0));
            NetReport alone = NetCheck.run(primary);
            assertThat(alone.mapping().kind()).isEqualTo(MappingBehavior.Kind.UNKNOWN);
            assertThat(alone.mapping().basis()).isEqualTo("the server answers on one address only");
            assertThat(alone.filtering().detail()).contains("no OTHER-ADDRESS");

            NetReport withSecond = NetCheck.run(primary,
                    NetCheckOptions.defaults().withSecond(HostPort.of(other.addresses().get(0))));
            assertThat(withSecond.probes()).extracting(Probe::role).containsExactly("primary", "second address");
            assertThat(withSecond.mapping().kind()).isEqualTo(MappingBehavior.Kind.ENDPOINT_INDEPENDENT);
        }
    }

    @Test
    void aSilentServerIsReportedAsUdpBlockedWithinFourSeconds() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long start = System.nanoTime();
            NetReport report = NetCheck.run(HostPort.of((InetSocketAddress) silent.getLocalSocketAddress()));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(report.udp().reachable()).isFalse();
            assertThat(report.udp().detail()).startsWith("timeout: no answer to 4 sends");
            assertThat(report.publicAddress()).isEmpty();
            assertThat(report.latency().median()).isNull();
            assertThat(report.verdict()).startsWith("UDP is blocked");
        }
    }

    @Test
    void aSilentPrimaryWithAnAnsweringSecondStillShowsUdpAndThePublicAddress() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                StunServer other = start("127.0.0.2")) {
            NetReport report = NetCheck.run(HostPort.of((InetSocketAddress) silent.getLocalSocketAddress()),
                    NetCheckOptions.defaults().withSecond(HostPort.of(other.addresses().get(0))));

            assertThat(report.udp().reachable()).isTrue();
            assertThat(report.probes().get(0).error()).startsWith("timeout");
            assertThat(report.publicAddress()).contains(report.local());
            assertThat(report.mapping().kind()).isEqualTo(MappingBehavior.Kind.UNKNOWN);
            assertThat(report.latency().samples()).isEqualTo(5);
        }
    }

    @Test
    void aServerThatHonoursChangeRequestLetsFilteringBeTested() throws Exception {
        try (FakeRfc5780Server server = new FakeRfc5780Server(group, List.of(new HostPort("127.0.0.1", 0),
                new HostPort("127.0.0.1", 0), new HostPort("127.0.0.2", 0)))) {
            NetReport report = NetCheck.run(HostPort.of(server.addresses().get(0)));

            assertThat(report.filtering().behaviour()).as(report.filtering().detail()).isEqualTo("endpoint-independent");
            assertThat(report.probes()).extracting(Probe::role).containsExactly("primary", "second address");
        }
    }

    @Test
    void aNameThatDoesNotResolveCannotRun() {
        assertThatThrownBy(() -> NetCheck.run(new HostPort("no-such-host.invalid", 3478)))
                .isInstanceOf(NetCheckException.class)
                .hasMessage("cannot resolve the server name no-such-host.invalid");
    }

    private static StunServer start(String... hosts) throws Exception {
        return StunServer.start(group, List.of(hosts).stream().map(h -> new HostPort(h, 0)).toList());
    }
}
