package io.p2proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.p2proxy.natlab.Impairment;
import io.p2proxy.natlab.NatKind;
import io.p2proxy.natlab.NatLab;
import io.p2proxy.natlab.NatLabTest;
import io.p2proxy.natlab.NsProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path change in the middle of a hashed transfer, through real NATs (cone on both sides), with
 * the peers, the server, the echo service and the client as processes in their namespaces:
 * direct → server relay when the sites start dropping UDP, and server relay → direct when UDP comes
 * back. The QUIC connection, and so the client's one TCP connection, lives through the switch.
 */
@NatLabTest
class PathSwitchLabTest {


    @Test
    void aDirectPathThatStopsCarryingUdpMovesToTheRelayWithoutBreakingTheTransfer(NatLab.Builder builder,
            @TempDir Path dir) throws Exception {
        NatLab lab = builder.site("a", NatKind.CONE).site("b", NatKind.CONE).build();
        LabRig rig = new LabRig(lab, dir, "-Dp2proxy.consentInterval=1s", "-Dp2proxy.consentTimeout=4s",
                "-Dp2proxy.relayRetry=10m");
        NsProcess client = rig.transferUnderWay(64L << 20, 4L << 20);
        assertThat(rig.status().path("path").asText()).as("before%s", rig.evidence(client)).isEqualTo("direct");

        try (Impairment block = lab.site("a").blockUdp()) {
            String done = LabRig.awaitEnd(client, Duration.ofSeconds(120));
            rig.assertIntact(done, 64L << 20, client);
            JsonNode session = rig.status();
            assertThat(session.path("path").asText()).as("after%s", rig.evidence(client)).isEqualTo("relay");
            assertThat(session.path("path_reason").asText()).contains("stopped answering");
            assertThat(block.isLifted()).isFalse();
            rig.measure("direct->relay", done);
        }
    }

    @Test
    void aRelayedSessionMovesToDirectWhenUdpComesBackWithoutBreakingTheTransfer(NatLab.Builder builder,
            @TempDir Path dir) throws Exception {
        NatLab lab = builder.site("a", NatKind.CONE).site("b", NatKind.CONE).build();
        Impairment block = lab.site("a").blockUdp();
        LabRig rig = new LabRig(lab, dir, "-Dp2proxy.relayRetry=2s");
        NsProcess client = rig.transferUnderWay(64L << 20, 4L << 20);
        assertThat(rig.status().path("path").asText()).as("while UDP is blocked%s", rig.evidence(client))
                .isEqualTo("relay");

        block.lift();
        try {
            rig.peerB.awaitLine(l -> l.contains("session with a: path now direct"), Duration.ofSeconds(60));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no move to direct after UDP came back" + rig.evidence(client), e);
        }
        String done = LabRig.awaitEnd(client, Duration.ofSeconds(120));
        rig.assertIntact(done, 64L << 20, client);
        assertThat(rig.status().path("path").asText()).as("after%s", rig.evidence(client)).isEqualTo("direct");
        rig.measure("relay->direct", done);
    }
}
