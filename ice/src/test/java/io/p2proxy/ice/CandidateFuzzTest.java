package io.p2proxy.ice;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The candidate parser on arbitrary text: it fails only with {@link IceException}, and what it
 * accepts formats to a string that parses to the same candidate. {@code ./mvnw verify} replays the
 * committed corpus in src/test/resources/io/p2proxy/ice/CandidateFuzzTestInputs; to fuzz for real,
 * run as the stun README describes with {@code -Dtest='CandidateFuzzTest#parserFailsOnlyWithIceException'}.
 */
class CandidateFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parserFailsOnlyWithIceException(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Candidate c;
        try {
            c = Candidate.parse(text);
        } catch (IceException expected) {
            assertThat(expected.reason()).isEqualTo(IceException.Reason.MALFORMED);
            return;
        }
        try {
            assertThat(Candidate.parse(c.format())).isEqualTo(c);
        } catch (IceException e) {
            throw new AssertionError("formatted " + c + " does not parse: " + c.format(), e);
        }
    }
}
