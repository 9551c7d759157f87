package io.p2proxy.natlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UDP hole punching between two sites: each host sends to the other's mapped address, learnt from pub. */
@NatLabTest
class HolePunchingTest {

    @Test
    void coneToConePunchingWorks(NatLab.Builder builder) {
        Punch punch = Punch.between(builder.site("a", NatKind.CONE).site("b", NatKind.CONE).build());

        await("both hosts receive the other's punch").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    punch.round();
                    return punch.aGotPunch() && punch.bGotPunch();
                });
    }

    @Test
    void symmetricToSymmetricPunchingFails(NatLab.Builder builder) {
        Punch punch = Punch.between(builder.site("a", NatKind.SYMMETRIC).site("b", NatKind.SYMMETRIC).build());

        await("neither host receives a punch").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    punch.round();
                    return !punch.aGotPunch() && !punch.bGotPunch();
                });
        assertThat(punch.aSent + punch.bSent).isGreaterThanOrEqualTo(10);
    }

    /** Two hosts that learnt their mapped addresses from pub and punch towards each other. */
    private static final class Punch {
        private final Probe a;
        private final Probe b;
        private final int aPort;
        private final int bPort;
        private final String aMapped;
        private final String bMapped;
        private final int aMark;
        private final int bMark;
        private int aSent;
        private int bSent;

        private Punch(Probe a, Probe b, int aPort, int bPort, String aMapped, String bMapped) {
            this.a = a;
            this.b = b;
            this.aPort = aPort;
            this.bPort = bPort;
            this.aMapped = aMapped;
            this.bMapped = bMapped;
            this.aMark = a.mark();
            this.bMark = b.mark();
        }

        static Punch between(NatLab lab) {
            List<Probe> probes = Probe.start(lab.pub(), lab.site("a").host(), lab.site("b").host());
            probes.get(0).udp(3478);
            Probe a = probes.get(1);
            Probe b = probes.get(2);
            int aPort = a.udp(0);
            int bPort = b.udp(0);
            String aMapped = a.whoami(aPort, lab.pub().socketAddress(3478));
            String bMapped = b.whoami(bPort, lab.pub().socketAddress(3478));
            return new Punch(a, b, aPort, bPort, aMapped, bMapped);
        }

        void round() {
            a.send(aPort, bMapped, "punch-from-a");
            aSent++;
            b.send(bPort, aMapped, "punch-from-b");
            bSent++;
        }

        boolean aGotPunch() {
            return a.received(aMark, aPort).stream().anyMatch(line -> line.endsWith(" punch-from-b"));
        }

        boolean bGotPunch() {
            return b.received(bMark, bPort).stream().anyMatch(line -> line.endsWith(" punch-from-a"));
        }
    }
}
