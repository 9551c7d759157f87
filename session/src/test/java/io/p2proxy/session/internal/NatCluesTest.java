package io.p2proxy.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.ice.Candidate;
import org.junit.jupiter.api.Test;

class NatCluesTest {

    private static Candidate parse(String text) throws Exception {
        return Candidate.parse(text);
    }

    @Test
    void twoMappingsOfOneBaseMeanTheNatMapsPerDestination() throws Exception {
        NatClues clues = new NatClues();
        clues.local(parse("candidate:1 1 UDP 1694498815 198.18.0.11 40001 typ srflx raddr 198.19.1.11 rport 5000"));
        clues.local(parse("candidate:2 1 UDP 1694498814 198.18.0.11 40002 typ srflx raddr 198.19.1.11 rport 5000"));
        assertThat(clues.diagnosis()).isEqualTo("this side's NAT maps per destination");
    }

    @Test
    void oneMappingSeenFromTwoServersTellsNothing() throws Exception {
        NatClues clues = new NatClues();
        clues.local(parse("candidate:1 1 UDP 1694498815 198.18.0.11 40001 typ srflx raddr 198.19.1.11 rport 5000"));
        clues.remote(parse("candidate:1 1 UDP 1694498815 198.18.0.12 40001 typ srflx raddr 198.19.2.11 rport 5000"));
        assertThat(clues.diagnosis()).isEmpty();
    }

    @Test
    void thePeersMappingsAreReadFromItsCandidates() throws Exception {
        NatClues clues = new NatClues();
        clues.remote(parse("candidate:1 1 UDP 1694498815 198.18.0.12 40001 typ srflx raddr 198.19.2.11 rport 5000"));
        clues.remote(parse("candidate:2 1 UDP 1694498814 198.18.0.12 41007 typ srflx raddr 198.19.2.11 rport 5000"));
        assertThat(clues.diagnosis()).isEqualTo("the peer's NAT maps per destination");
    }
}
