package io.p2proxy.netcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.netcheck.NetReport.Filtering;
import io.p2proxy.netcheck.NetReport.Hairpin;
import io.p2proxy.netcheck.NetReport.Latency;
import io.p2proxy.netcheck.NetReport.Probe;
import io.p2proxy.netcheck.NetReport.Udp;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The JSON shape programs rely on, and the aligned text people read. */
class NetReportFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static NetReport symmetric() {
        InetSocketAddress local = new InetSocketAddress("198.19.1.11", 40000);
        List<Probe> probes = List.of(
                new Probe(new InetSocketAddress("198.18.0.1", 3478), "primary", new InetSocketAddress("198.18.0.11", 51000),
                        null, Duration.ofMillis(2)),
                new Probe(new InetSocketAddress("198.18.0.1", 3479), "second port", new InetSocketAddress("198.18.0.11", 52000),
                        null, Duration.ofMillis(2)),
                new Probe(new InetSocketAddress("198.18.0.2", 3478), "second address", null, "timeout: \"quoted\"", null));
        MappingBehavior mapping = new MappingBehavior(MappingBehavior.Kind.ADDRESS_AND_PORT_DEPENDENT, "basis");
        return new NetReport("198.18.0.1:3478", new Udp(true, "2 of 3 server addresses answered"), local, probes, mapping,
                new Filtering(Filtering.NOT_TESTED, "no CHANGE-REQUEST"), new Hairpin("no", "timeout"),
                new Latency(Duration.ofNanos(1_234_567), 5, 5), Verdict.of(true, true, mapping), Duration.ofMillis(1500));
    }

    @Test
    void jsonHasEveryFieldWithItsType() throws Exception {
        JsonNode json = JSON.readTree(NetReportFormat.json(symmetric()));

        assertThat(json.get("server").asText()).isEqualTo("198.18.0.1:3478");
        assertThat(json.get("udp").get("reachable").isBoolean()).isTrue();
        assertThat(json.get("local").asText()).isEqualTo("198.19.1.11:40000");
        assertThat(json.get("public").asText()).isEqualTo("198.18.0.11:51000");
        assertThat(json.get("behind_nat").asBoolean()).isTrue();
        assertThat(json.get("probes")).hasSize(3);
        JsonNode failed = json.get("probes").get(2);
        assertThat(failed.get("to").asText()).isEqualTo("198.18.0.2:3478");
        assertThat(failed.get("role").asText()).isEqualTo("second address");
        assertThat(failed.get("mapped").isNull()).isTrue();
        assertThat(failed.get("error").asText()).isEqualTo("timeout: \"quoted\"");
        assertThat(failed.get("rtt_ms").isNull()).isTrue();
        assertThat(json.get("probes").get(0).get("rtt_ms").asDouble()).isEqualTo(2.0);
        assertThat(json.get("mapping").get("behaviour").asText()).isEqualTo("address-and-port-dependent");
        assertThat(json.get("filtering").get("behaviour").asText()).isEqualTo("not tested");
        assertThat(json.get("hairpinning").get("result").asText()).isEqualTo("no");
        assertThat(json.get("latency").get("median_ms").asDouble()).isEqualTo(1.23);
        assertThat(json.get("latency").get("samples").asInt()).isEqualTo(5);
        assertThat(json.get("verdict").asText()).contains("relay");
        assertThat(json.get("elapsed_ms").asLong()).isEqualTo(1500);
    }

    @Test
    void textIsOneAlignedLinePerFinding() {
        String text = NetReportFormat.text(symmetric());

        assertThat(text.lines()).contains(
                "server          198.18.0.1:3478",
                "public          198.18.0.11:51000  (via 198.18.0.1:3478)",
                "second port     198.18.0.11:52000  (via 198.18.0.1:3479)",
                "mapping         address-and-port-dependent (basis)",
                "latency         1.23 ms (median of 5)");
        assertThat(text.lines()).allMatch(line -> line.charAt(16) != ' ' && line.substring(14, 16).equals("  "));
    }

    @Property
    void anyStringSurvivesJsonEscaping(@ForAll String s) throws Exception {
        assertThat(JSON.readTree(NetReportFormat.str(s)).asText()).isEqualTo(s);
    }
}
