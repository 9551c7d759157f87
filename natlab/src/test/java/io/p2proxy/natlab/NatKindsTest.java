package io.p2proxy.natlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each NAT kind does what it claims, seen from the public segment. */
@NatLabTest
class NatKindsTest {

    @Test
    void coneKeepsOneMappingWithTheSourcePortForEveryDestination(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.CONE).build();
        List<Probe> probes = Probe.start(lab.pub(), lab.site("a").host());
        Probe pub = probes.get(0);
        Probe host = probes.get(1);
        InetSocketAddress first = new InetSocketAddress(lab.pub().addresses().get(0), 3478);
        InetSocketAddress second = new InetSocketAddress(lab.pub().addresses().get(1), 3479);
        pub.udp(3478, first);
        pub.udp(3479, second);
        int port = host.udp(0);

        String viaFirst = host.whoami(port, first);
        String viaSecond = host.whoami(port, second);

        assertThat(viaFirst).isEqualTo(lab.site("a").publicAddress().getHostAddress() + ":" + port);
        assertThat(viaSecond).isEqualTo(viaFirst);
    }

    @Test
    void symmetricMapsEachDestinationToItsOwnPort(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.SYMMETRIC).build();
        List<Probe> probes = Probe.start(lab.pub(), lab.site("a").host());
        Probe pub = probes.get(0);
        Probe host = probes.get(1);
        InetSocketAddress first = lab.pub().socketAddress(3478);
        InetSocketAddress second = lab.pub().socketAddress(3479);
        pub.udp(3478);
        pub.udp(3479);
        int port = host.udp(0);

        String viaFirst = host.whoami(port, first);
        String viaSecond = host.whoami(port, second);

        String wan = lab.site("a").publicAddress().getHostAddress() + ":";
        assertThat(viaFirst).startsWith(wan);
        assertThat(viaSecond).startsWith(wan).isNotEqualTo(viaFirst);
        assertThat(host.whoami(port, first)).as("the mapping to one destination is kept").isEqualTo(viaFirst);
    }

    @Test
    void udpBlockedDropsUdpButPassesTcp(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.UDP_BLOCKED).build();
        List<Probe> probes = Probe.start(lab.pub(), lab.site("a").host());
        Probe pub = probes.get(0);
        Probe host = probes.get(1);
        pub.udp(3478);
        pub.tcpListen(8443);
        int port = host.udp(0);

        host.whoamiUnanswered(port, lab.pub().socketAddress(3478));
        assertThat(pub.received(0, 3478)).as("nothing reached pub over UDP").isEmpty();
        assertThat(host.tcpWhoami(lab.pub().socketAddress(8443)))
                .startsWith(lab.site("a").publicAddress().getHostAddress() + ":");
    }

    @Test
    void noneShowsTheHostsOwnAddress(NatLab.Builder builder) {
        NatLab lab = builder.site("n", NatKind.NONE).build();
        List<Probe> probes = Probe.start(lab.pub(), lab.site("n").host());
        probes.get(0).udp(3478);
        int port = probes.get(1).udp(0);

        assertThat(probes.get(1).whoami(port, lab.pub().socketAddress(3478)))
                .isEqualTo(lab.site("n").host().address().getHostAddress() + ":" + port);
    }

    @Test
    void routerDropsUnsolicitedInboundUdpAndFiltersByAddressAndPort(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.CONE).build();
        Site site = lab.site("a");
        List<Probe> probes = Probe.start(lab.pub(), site.host(), site.router());
        Probe pub = probes.get(0);
        Probe host = probes.get(1);
        Probe router = probes.get(2);
        pub.udp(3478);
        pub.udp(3479);
        router.udp(7000);
        int port = host.udp(0);
        String mapped = host.whoami(port, lab.pub().socketAddress(3478));

        int routerMark = router.mark();
        pub.send(3478, site.router().socketAddress(7000), "unsolicited");
        router.assertSilence(routerMark, "udp-recv 7000 ");

        int hostMark = host.mark();
        pub.send(3479, mapped, "from-another-port");
        host.assertSilence(hostMark, "udp-recv " + port + " ");
        pub.send(3478, mapped, "from-the-mapped-destination");
        host.awaitReceived(hostMark, port, "from-the-mapped-destination");
    }

    /**
     * As on the internet, a datagram from the public segment to an address it has no route to
     * (a host's LAN address behind a NAT) vanishes: the send succeeds and nothing arrives. An
     * error instead ("Network is unreachable") made coturn close the whole allocation whose relay
     * sent it, which cut a peer's TURN candidate off as soon as ICE checked it against the other
     * peer's host candidate.
     */
    @Test
    void publicSegmentSendsToUnroutedAddressesVanishWithoutAnError(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.CONE).build();
        List<Probe> probes = Probe.start(lab.pub(), lab.site("a").host());
        Probe pub = probes.get(0);
        Probe host = probes.get(1);
        int pubPort = pub.udp(0);
        int hostPort = host.udp(0);
        int pubMark = pub.mark();
        int hostMark = host.mark();

        pub.send(pubPort, lab.site("a").host().socketAddress(hostPort), "to-a-lan-address");

        assertThat(pub.sent(pubMark)).as("the send succeeded").startsWith("sent " + pubPort + " ");
        host.assertSilence(hostMark, "udp-recv " + hostPort + " ");
    }
}
