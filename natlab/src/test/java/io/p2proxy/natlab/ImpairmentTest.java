package io.p2proxy.natlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blackouts, loss and NAT rebinding, made without netem. */
@NatLabTest
class ImpairmentTest {

    @Test
    void blackoutStopsTrafficAndLiftingRestoresIt(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.CONE).site("n", NatKind.NONE).build();
        List<Probe> probes = Probe.start(lab.pub(), lab.site("a").host(), lab.site("n").host());
        probes.get(0).udp(3478);
        InetSocketAddress server = lab.pub().socketAddress(3478);
        for (int i = 1; i <= 2; i++) {
            Site site = lab.sites().get(i - 1);
            Probe host = probes.get(i);
            int port = host.udp(0);
            String before = host.whoami(port, server);

            try (Impairment blackout = site.blackout()) {
                host.whoamiUnanswered(port, server);
            }

            assertThat(host.whoami(port, server)).as("after the blackout of %s", site).isEqualTo(before);
        }
    }

    @Test
    void timedBlackoutLiftsItself(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.CONE).build();
        List<Probe> probes = Probe.start(lab.pub(), lab.site("a").host());
        probes.get(0).udp(3478);
        Probe host = probes.get(1);
        int port = host.udp(0);
        InetSocketAddress server = lab.pub().socketAddress(3478);

        Impairment blackout = lab.site("a").blackoutFor(Duration.ofMillis(1500));
        int mark = host.mark();
        host.whoamiUnanswered(port, server);
        await("an answer once the blackout lifted itself").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    host.send(port, server, "whoami");
                    return !host.received(mark, port).isEmpty();
                });
        assertThat(blackout.isLifted()).isTrue();
    }

    @Test
    void rebindingGivesASymmetricHostANewPortAndDropsTheOldMapping(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.SYMMETRIC).build();
        List<Probe> probes = Probe.start(lab.pub(), lab.site("a").host());
        Probe pub = probes.get(0);
        Probe host = probes.get(1);
        pub.udp(3478);
        int port = host.udp(0);
        InetSocketAddress server = lab.pub().socketAddress(3478);
        String before = host.whoami(port, server);

        lab.site("a").rebind();

        int mark = host.mark();
        pub.send(3478, before, "to-the-old-mapping");
        host.assertSilence(mark, "udp-recv " + port + " ");
        assertThat(host.whoami(port, server)).isNotEqualTo(before);
    }

    @Test
    void rebindingBehindConeDropsInboundUntilTheHostSendsAndKeepsThePort(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.CONE).build();
        List<Probe> probes = Probe.start(lab.pub(), lab.site("a").host());
        Probe pub = probes.get(0);
        Probe host = probes.get(1);
        pub.udp(3478);
        int port = host.udp(0);
        InetSocketAddress server = lab.pub().socketAddress(3478);
        String before = host.whoami(port, server);

        lab.flushConntrack();

        int mark = host.mark();
        pub.send(3478, before, "to-the-forgotten-mapping");
        host.assertSilence(mark, "udp-recv " + port + " ");
        assertThat(host.whoami(port, server)).as("Linux keeps a free source port").isEqualTo(before);
    }

    @Test
    void lossDropsAboutTheAskedShareOfForwardedPackets(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.CONE).build();
        List<Probe> probes = Probe.start(lab.pub(), lab.site("a").host());
        Probe pub = probes.get(0);
        Probe host = probes.get(1);
        pub.udp(3478);
        int port = host.udp(0);
        host.whoami(port, lab.pub().socketAddress(3478));
        int mark = pub.mark();

        try (Impairment loss = lab.site("a").loss(0.5)) {
            for (int i = 0; i < 200; i++) {
                host.send(port, lab.pub().socketAddress(3478), "datagram-" + i);
            }
            host.awaitSent(200);
            pub.awaitQuiet(mark, 3478);
        }

        assertThat(pub.received(mark, 3478)).hasSizeBetween(60, 140);
        assertThat(host.whoami(port, lab.pub().socketAddress(3478))).as("no loss once lifted").isNotEmpty();
    }
}
