package io.p2proxy.netcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.netcheck.MappingBehavior.Kind;
import org.junit.jupiter.api.Test;

/** The verdicts follow what the lab measured (NOTES.md): cone punches, symmetric and blocked need a relay. */
class VerdictTest {

    @Test
    void eachFindingHasItsOwnAdvice() {
        assertThat(Verdict.of(false, false, mapping(Kind.UNKNOWN))).startsWith("UDP is blocked").contains("relay");
        assertThat(Verdict.of(true, false, mapping(Kind.UNKNOWN))).startsWith("public address, no NAT");
        assertThat(Verdict.of(true, true, mapping(Kind.ENDPOINT_INDEPENDENT))).startsWith("direct connections likely");
        for (Kind kind : new Kind[] {Kind.ADDRESS_DEPENDENT, Kind.ADDRESS_AND_PORT_DEPENDENT, Kind.ADDRESS_OR_PORT_DEPENDENT}) {
            assertThat(Verdict.of(true, true, mapping(kind))).contains("symmetric NAT").contains("relay");
        }
        assertThat(Verdict.of(true, true, mapping(Kind.UNKNOWN))).contains("unknown");
    }

    private static MappingBehavior mapping(Kind kind) {
        return new MappingBehavior(kind, "test");
    }
}
