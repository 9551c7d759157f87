package io.p2proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.natlab.Impairment;
import io.p2proxy.natlab.NatKind;
import io.p2proxy.natlab.NatLab;
import io.p2proxy.natlab.NatLabTest;
import io.p2proxy.natlab.NsProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
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

    private static final String PUB = "198.18.0.1";
    private static final int ECHO_PORT = 9000;
    private static final int FORWARD_PORT = 9100;
    private static final int ADMIN_PORT = 7070;
    private static final Duration START = Duration.ofSeconds(30);
    private static final Pattern DONE = Pattern.compile("^done sent=(\\S+) received=(\\S+) bytes=(\\d+) ms=(\\d+)$");

    @Test
    void aDirectPathThatStopsCarryingUdpMovesToTheRelayWithoutBreakingTheTransfer(NatLab.Builder builder,
            @TempDir Path dir) throws Exception {
        NatLab lab = builder.site("a", NatKind.CONE).site("b", NatKind.CONE).build();
        Rig rig = new Rig(lab, dir, "-Dp2proxy.consentInterval=1s", "-Dp2proxy.consentTimeout=4s",
                "-Dp2proxy.relayRetry=10m");
        NsProcess client = rig.client(64L << 20);
        client.awaitLine(l -> l.startsWith("first-byte "), START);
        assertThat(rig.status().path("path").asText()).as("before%s", rig.evidence(client)).isEqualTo("direct");
        rig.awaitReceived(4L << 20, client);

        try (Impairment block = lab.site("a").blockUdp()) {
            String done = client.awaitLine(l -> l.startsWith("done ") || l.startsWith("reset") || l.startsWith("timeout"),
                    Duration.ofSeconds(120));
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
        Rig rig = new Rig(lab, dir, "-Dp2proxy.relayRetry=2s");
        NsProcess client = rig.client(64L << 20);
        client.awaitLine(l -> l.startsWith("first-byte "), START);
        assertThat(rig.status().path("path").asText()).as("while UDP is blocked%s", rig.evidence(client))
                .isEqualTo("relay");
        rig.awaitReceived(4L << 20, client);

        block.lift();
        try {
            rig.peerB.awaitLine(l -> l.contains("session with a: path now direct"), Duration.ofSeconds(60));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no move to direct after UDP came back" + rig.evidence(client), e);
        }
        String done = client.awaitLine(l -> l.startsWith("done ") || l.startsWith("reset") || l.startsWith("timeout"),
                Duration.ofSeconds(120));
        rig.assertIntact(done, 64L << 20, client);
        assertThat(rig.status().path("path").asText()).as("after%s", rig.evidence(client)).isEqualTo("direct");
        rig.measure("relay->direct", done);
    }

    /** Server in pub, echo and peer a (publishing) at site a, peer b (forwarding) at site b. */
    private static final class Rig {
        final NatLab lab;
        final NsProcess peerA;
        final NsProcess peerB;

        Rig(NatLab lab, Path dir, String... tuning) {
            this.lab = lab;
            List<String> jvm = new ArrayList<>(List.of("-DP2PROXY_LOG=INFO", "-DP2PROXY_TEST_LOG=INFO"));
            jvm.addAll(List.of(tuning));
            NsProcess server = lab.pub().startJvm("server", Main.class.getName(), jvm, List.of("server",
                    "--listen", PUB + ":8443", "--stun", PUB + ":3478", "--token", "t", "--admin", PUB + ":7071"));
            NsProcess echo = lab.site("a").host().startJvm("echo-a", NatGridEcho.class.getName(), List.of(),
                    List.of(String.valueOf(ECHO_PORT)));
            peerA = lab.site("a").host().startJvm("peer-a", Main.class.getName(), jvm,
                    peer("a", dir, "--publish", "echo=127.0.0.1:" + ECHO_PORT, "--allow", "b"));
            peerB = lab.site("b").host().startJvm("peer-b", Main.class.getName(), jvm,
                    peer("b", dir, "--forward", "127.0.0.1:" + FORWARD_PORT + "=a/echo"));
            echo.awaitLine(l -> l.startsWith("echo listening on"), START);
            peerA.awaitLine(l -> l.contains("logged in to ws://" + PUB), START);
            peerB.awaitLine(l -> l.contains("logged in to ws://" + PUB), START);
            peerB.awaitLine(l -> l.contains("forward 127.0.0.1:" + FORWARD_PORT + " -> a/echo: listening on"), START);
        }

        NsProcess client(long bytes) {
            return lab.site("b").host().startJvm("client-b", NatGridClient.class.getName(), List.of(),
                    List.of(String.valueOf(FORWARD_PORT), String.valueOf(bytes), "17", String.valueOf(ADMIN_PORT)));
        }

        /** b's session with a, from b's GET /status. */
        JsonNode status() throws Exception {
            String body = lab.site("b").host().exec("curl", "-s", "http://127.0.0.1:" + ADMIN_PORT + "/status");
            return new ObjectMapper().readTree(body).path("sessions").path(0);
        }

        /** Waits until the transfer is well under way: b received this many bytes on the session. */
        void awaitReceived(long bytes, NsProcess client) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status().path("bytes_received").asLong() >= bytes || !client.isAlive());
        }

        void assertIntact(String done, long bytes, NsProcess client) {
            Matcher m = DONE.matcher(done);
            assertThat(m.matches()).as("the transfer finished, client said: %s%s", done, evidence(client)).isTrue();
            assertThat(m.group(2)).as("SHA-256 of what came back").isEqualTo(m.group(1));
            assertThat(Long.parseLong(m.group(3))).isEqualTo(bytes);
        }

        /** The path lines of b's log, for the record: when each move happened. */
        void measure(String what, String done) {
            System.out.println("[measure] " + what + ": " + done);
            peerB.linesMatching(0, l -> l.contains("SessionPath") || l.contains("path now") || l.contains("ICE "))
                    .forEach(l -> System.out.println("[measure]   b: " + l));
        }

        String evidence(NsProcess client) {
            return "\n--- client:\n" + client.output() + "\n--- peer b:\n" + peerB.output() + "\n--- peer a:\n"
                    + peerA.output();
        }

        private static List<String> peer(String name, Path dir, String... more) {
            List<String> args = new ArrayList<>(List.of("peer", "--name", name, "--server", "ws://" + PUB + ":8443",
                    "--token", "t", "--key", dir.resolve(name + ".key").toString(), "--admin",
                    "127.0.0.1:" + ADMIN_PORT));
            args.addAll(List.of(more));
            return args;
        }
    }
}
