package io.p2proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.p2proxy.natlab.Impairment;
import io.p2proxy.natlab.NatKind;
import io.p2proxy.natlab.NatLab;
import io.p2proxy.natlab.NatLabTest;
import io.p2proxy.natlab.NsProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeping a path through NATs that forget (issue 4, "Keeping paths alive"), cone NAT on both sides,
 * every part a real process in its namespace.
 */
@NatLabTest
class PathKeepingLabTest {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final Pattern RESET = Pattern.compile("^reset mid-transfer after (\\d+) ms, (\\d+) bytes received: .*");
    private static final Pattern WRITER_RESET = Pattern.compile("^done sent=write-failed:.*[Rr]eset.* bytes=(\\d+) .*");

    /**
     * The routers forget idle UDP mappings after 5 s here (conntrack timeouts; a home router's are
     * ~30 s): a session that carries nothing for 60 s stays up and direct on the same pair, kept
     * alive by consent checks, and a new stream then opens at once.
     */
    @Test
    void anIdleSessionStaysDirectBehindNatsThatForgetAndANewStreamOpensAtOnce(NatLab.Builder builder,
            @TempDir Path dir) throws Exception {
        NatLab lab = builder.site("a", NatKind.CONE).site("b", NatKind.CONE).build();
        for (String site : new String[] {"a", "b"}) {
            lab.site(site).router().exec("sysctl", "-q", "-w", "net.netfilter.nf_conntrack_udp_timeout=5",
                    "net.netfilter.nf_conntrack_udp_timeout_stream=5");
            assertThat(lab.site(site).router().exec("sysctl", "-n", "net.netfilter.nf_conntrack_udp_timeout").trim())
                    .as("site %s forgets idle UDP mappings after 5 s", site).isEqualTo("5");
        }
        LabRig rig = new LabRig(lab, dir, "--linger=10m");
        NsProcess first = rig.client(64 * 1024);
        rig.assertIntact(first.awaitLine(l -> l.startsWith("done "), LabRig.START), 64 * 1024, first);
        JsonNode before = rig.status();
        assertThat(before.path("path").asText()).isEqualTo("direct");

        await().during(IDLE).atMost(IDLE.plusSeconds(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode now = rig.status();
            return now.path("state").asText().matches("connected|lingering") && now.path("path").asText().equals("direct")
                    && now.path("remote").asText().equals(before.path("remote").asText());
        });

        NsProcess second = rig.client(64 * 1024);
        String firstByte = second.awaitLine(l -> l.startsWith("first-byte "), LabRig.START);
        rig.assertIntact(second.awaitLine(l -> l.startsWith("done "), LabRig.START), 64 * 1024, second);
        long ms = Long.parseLong(firstByte.substring("first-byte ".length()));
        assertThat(ms).as("a new stream after %s idle opens on the kept session at once", IDLE).isLessThan(1000);
        assertThat(rig.status().path("remote").asText()).isEqualTo(before.path("remote").asText());
        System.out.printf("[measure] idle %s behind 5 s UDP mappings: still direct to %s; next stream's first byte %d ms%n",
                IDLE, before.path("remote").asText(), ms);
    }

    /** Both routers forget every mapping twice during a hashed 64 MiB transfer: it completes intact. */
    @Test
    void natRebindingDuringATransferLosesNothing(NatLab.Builder builder, @TempDir Path dir) throws Exception {
        NatLab lab = builder.site("a", NatKind.CONE).site("b", NatKind.CONE).build();
        LabRig rig = new LabRig(lab, dir);
        NsProcess client = rig.transferUnderWay(64L << 20, 8L << 20);
        lab.flushConntrack();
        rig.awaitReceived(24L << 20, client);
        lab.flushConntrack();
        String done = LabRig.awaitEnd(client, Duration.ofSeconds(120));
        rig.assertIntact(done, 64L << 20, client);
        rig.measure("rebinding twice", done);
    }

    /** Site a goes dark for 15 s (shorter than QUIC's 30 s idle timeout) mid-transfer: nothing is lost. */
    @Test
    void aFifteenSecondBlackoutLosesNothing(NatLab.Builder builder, @TempDir Path dir) throws Exception {
        NatLab lab = builder.site("a", NatKind.CONE).site("b", NatKind.CONE).build();
        LabRig rig = new LabRig(lab, dir);
        NsProcess client = rig.transferUnderWay(64L << 20, 8L << 20);
        Impairment dark = lab.site("a").blackoutFor(Duration.ofSeconds(15));
        String done = LabRig.awaitEnd(client, Duration.ofSeconds(120));
        assertThat(dark.isLifted()).isTrue();
        rig.assertIntact(done, 64L << 20, client);
        rig.measure("15 s blackout", done);
    }

    /** Site a goes dark for good mid-transfer: the client is reset (never a clean end) within 32 s. */
    @Test
    void aPermanentBlackoutResetsTheClientWithin32Seconds(NatLab.Builder builder, @TempDir Path dir) throws Exception {
        NatLab lab = builder.site("a", NatKind.CONE).site("b", NatKind.CONE).build();
        LabRig rig = new LabRig(lab, dir);
        NsProcess client = rig.transferUnderWay(1L << 30, 8L << 20);
        long start = System.nanoTime();
        try (Impairment dark = lab.site("a").blackout()) {
            String end = LabRig.awaitEnd(client, Duration.ofSeconds(60));
            long ms = (System.nanoTime() - start) / 1_000_000;
            // Linux reports an RST to one socket call only: the reader's (reset mid-transfer), or the
            // writer's, after which the reader sees end-of-stream (done sent=write-failed:...reset...).
            boolean reset = RESET.matcher(end).matches() || WRITER_RESET.matcher(end).matches();
            if (!RESET.matcher(end).matches()) {
                // A clean close would end in a writer's reset too: then b must say it reset its streams.
                rig.peerB.awaitLine(l -> l.contains("its streams were reset"), Duration.ofSeconds(5));
            }
            assertThat(reset).as("the client is reset (never a clean end), client said: %s%s", end,
                    rig.evidence(client)).isTrue();
            assertThat(ms).as("ms from the blackout to the client's reset").isLessThanOrEqualTo(32_000);
            assertThat(dark.isLifted()).isFalse();
            System.out.printf("[measure] permanent blackout: client reset %d ms after it began%n", ms);
        }
    }
}
