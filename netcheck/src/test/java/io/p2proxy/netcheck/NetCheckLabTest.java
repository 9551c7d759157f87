package io.p2proxy.netcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.natlab.NatKind;
import io.p2proxy.natlab.NatLab;
import io.p2proxy.natlab.NatLabTest;
import io.p2proxy.natlab.NsProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * netcheck behind each NAT kind of the lab, against a STUN server in {@code pub} on 198.18.0.1
 * ports 3478 and 3479 (and 198.18.0.2:3478 where a second address is under test).
 */
@NatLabTest
class NetCheckLabTest {

    private static final Logger log = LoggerFactory.getLogger(NetCheckLabTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TWO_PORTS = List.of("198.18.0.1:3478", "198.18.0.1:3479");

    @Test
    void aPublicHostSeesItsOwnAddressAndAnEndpointIndependentMapping(NatLab.Builder builder) throws Exception {
        NatLab lab = builder.site("n", NatKind.NONE).build();
        JsonNode report = check(lab, "n", TWO_PORTS, "198.18.0.1:3478");

        assertThat(report.get("udp").get("reachable").asBoolean()).isTrue();
        assertThat(report.get("public").asText()).startsWith(lab.site("n").host().address().getHostAddress() + ":")
                .isEqualTo(report.get("local").asText());
        assertThat(report.get("behind_nat").asBoolean()).isFalse();
        assertThat(mapping(report)).isEqualTo("endpoint-independent");
        assertThat(report.get("hairpinning").get("result").asText()).isEqualTo("not tested");
        assertThat(report.get("verdict").asText()).startsWith("public address");
    }

    @Test
    void aConeHostSeesTheRoutersWanAddressAndAnEndpointIndependentMapping(NatLab.Builder builder) throws Exception {
        NatLab lab = builder.site("a", NatKind.CONE).build();
        JsonNode report = check(lab, "a", TWO_PORTS, "198.18.0.1:3478");

        assertThat(report.get("public").asText()).startsWith(lab.site("a").publicAddress().getHostAddress() + ":");
        assertThat(report.get("behind_nat").asBoolean()).isTrue();
        assertThat(report.get("probes")).hasSize(2).allMatch(p -> p.get("mapped").asText().equals(report.get("public").asText()));
        assertThat(mapping(report)).isEqualTo("endpoint-independent");
        assertThat(report.get("hairpinning").get("result").asText()).isIn("yes", "no");
        assertThat(report.get("latency").get("samples").asInt()).isEqualTo(5);
        assertThat(report.get("verdict").asText()).startsWith("direct connections likely");
    }

    @Test
    void aConeHostKeepsItsMappingAcrossASecondServerAddressToo(NatLab.Builder builder) throws Exception {
        NatLab lab = builder.site("a", NatKind.CONE).build();
        JsonNode report = check(lab, "a", List.of("198.18.0.1:3478", "198.18.0.1:3479", "198.18.0.2:3478"),
                "198.18.0.1:3478");

        assertThat(report.get("probes")).extracting(p -> p.get("role").asText())
                .containsExactly("primary", "second port", "second address");
        assertThat(mapping(report)).isEqualTo("endpoint-independent");
        assertThat(report.get("mapping").get("basis").asText()).isEqualTo("one mapping for two ports and two addresses");
    }

    @Test
    void aSymmetricHostSeesTheMappingChangePerDestinationPort(NatLab.Builder builder) throws Exception {
        NatLab lab = builder.site("a", NatKind.SYMMETRIC).build();
        JsonNode report = check(lab, "a", TWO_PORTS, "198.18.0.1:3478");

        JsonNode probes = report.get("probes");
        assertThat(probes.get(0).get("mapped").asText()).startsWith(lab.site("a").publicAddress().getHostAddress() + ":");
        assertThat(probes.get(1).get("mapped").asText()).isNotEqualTo(probes.get(0).get("mapped").asText());
        assertThat(mapping(report)).isIn("address-and-port-dependent", "address-dependent");
        assertThat(report.get("verdict").asText()).contains("relay");
    }

    @Test
    void aUdpBlockedHostIsToldSoWithinFourSeconds(NatLab.Builder builder) throws Exception {
        NatLab lab = builder.site("a", NatKind.UDP_BLOCKED).build();
        JsonNode report = check(lab, "a", TWO_PORTS, "198.18.0.1:3478");

        assertThat(report.get("udp").get("reachable").asBoolean()).isFalse();
        assertThat(report.get("udp").get("detail").asText()).startsWith("timeout");
        assertThat(report.get("public").isNull()).isTrue();
        assertThat(report.get("elapsed_ms").asLong()).isLessThan(4_000);
        assertThat(report.get("verdict").asText()).startsWith("UDP is blocked");
    }

    @Test
    void filteringIsTestedWhereTheServerHonoursChangeRequest(NatLab.Builder builder) throws Exception {
        NatLab lab = builder.site("n", NatKind.NONE).site("a", NatKind.CONE).build();
        NsProcess server = lab.pub().startJvm("stun-5780", FakeRfc5780Server.class.getName(), List.of(),
                List.of("198.18.0.1:3478", "198.18.0.1:3479", "198.18.0.2:3479"));
        server.awaitLine(line -> line.startsWith("ready"), Duration.ofSeconds(20));

        assertThat(filtering(run(lab, "n", "198.18.0.1:3478"))).isEqualTo("endpoint-independent");
        // MASQUERADE with the router's INPUT rules filters by address and port (NOTES.md).
        assertThat(filtering(run(lab, "a", "198.18.0.1:3478"))).isEqualTo("address-and-port-dependent");
    }

    /** Starts the STUN server in pub, runs NetCheckMain on the site's host, returns its JSON report. */
    private static JsonNode check(NatLab lab, String site, List<String> stun, String... args) throws Exception {
        NsProcess server = lab.pub().startJvm("stun", LabStunServer.class.getName(), List.of(), stun);
        server.awaitLine(line -> line.startsWith("ready"), Duration.ofSeconds(20));
        return run(lab, site, args);
    }

    /** Runs NetCheckMain on the site's host, returns its JSON report. */
    private static JsonNode run(NatLab lab, String site, String... args) throws Exception {
        NsProcess check = lab.site(site).host().startJvm("netcheck-" + site, NetCheckMain.class.getName(), List.of(),
                new ArrayList<>(List.of(args)));
        String json = check.awaitLine(line -> line.startsWith("json "), Duration.ofSeconds(30));
        log.info("netcheck behind {}:\n{}", lab.site(site), String.join("\n",
                check.linesMatching(0, line -> !line.startsWith("json ") && !line.matches("^\\d\\d:\\d\\d:.*"))));
        return JSON.readTree(json.substring("json ".length()));
    }

    private static String filtering(JsonNode report) {
        return report.get("filtering").get("behaviour").asText();
    }

    private static String mapping(JsonNode report) {
        return report.get("mapping").get("behaviour").asText();
    }
}
