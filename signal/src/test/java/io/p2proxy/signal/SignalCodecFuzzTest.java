package io.p2proxy.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The decoder must answer every input with a message or a {@link SignalDecodeException}: no other
 * exception, no hang. A decoded message must encode and decode to itself. The committed corpus
 * under {@code SignalCodecFuzzTestInputs/decode} runs in every build; run with
 * {@code JAZZER_FUZZ=1} to search for more.
 */
class SignalCodecFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        SignalMessage message;
        try {
            message = SignalCodec.decode(text);
        } catch (SignalDecodeException e) {
            assertThat(e.code()).isIn(ErrorCode.MALFORMED, ErrorCode.UNKNOWN_TYPE);
            return;
        }
        assertThat(SignalCodec.decode(SignalCodec.encode(message))).isEqualTo(message);
    }
}
