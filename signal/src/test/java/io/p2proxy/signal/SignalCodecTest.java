package io.p2proxy.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.common.HostPort;
import io.p2proxy.signal.SignalMessage.Error;
import io.p2proxy.signal.SignalMessage.Hello;
import io.p2proxy.signal.SignalMessage.Signal;
import io.p2proxy.signal.SignalMessage.Welcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalCodecTest {

    @Test
    void writesTheDocumentedFieldNames() throws Exception {
        var payload = new ObjectMapper().readTree("{\"sdp\":\"x\"}");
        assertThat(SignalCodec.encode(Signal.to("garage", payload)))
                .isEqualTo("{\"type\":\"signal\",\"to\":\"garage\",\"payload\":{\"sdp\":\"x\"}}");
        assertThat(SignalCodec.encode(Signal.from("laptop", "abc", payload)))
                .isEqualTo("{\"type\":\"signal\",\"from\":\"laptop\",\"from_id\":\"abc\",\"payload\":{\"sdp\":\"x\"}}");
        assertThat(SignalCodec.encode(new Welcome("id", HostPort.parse("198.18.0.3:40001"),
                List.of(HostPort.parse("198.18.0.1:3478")), true)))
                .isEqualTo("{\"type\":\"welcome\",\"id\":\"id\",\"address\":\"198.18.0.3:40001\","
                        + "\"stun\":[\"198.18.0.1:3478\"],\"relay\":true}");
        assertThat(SignalCodec.encode(new Error(ErrorCode.NAME_TAKEN, "name taken by another key", "garage")))
                .isEqualTo("{\"type\":\"error\",\"code\":\"name_taken\",\"reason\":\"name taken by another key\",\"ref\":\"garage\"}");
    }

    @Test
    void unknownTypeIsItsOwnError() {
        assertThatThrownBy(() -> SignalCodec.decode("{\"type\":\"teleport\"}"))
                .isInstanceOfSatisfying(SignalDecodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE))
                .hasMessageContaining("teleport");
    }

    @Test
    void everyMalformedShapeIsMalformed() {
        for (String text : List.of("", "nul", "[]", "42", "{", "{\"type\":1}", "{}", "{\"type\":\"hello\"}",
                "{\"type\":\"hello\",\"name\":\"a\",\"key\":\"k\",\"token\":\"t\",\"version\":1.5}",
                "{\"type\":\"signal\",\"to\":\"a\"}", "{\"type\":\"signal\",\"payload\":1}",
                "{\"type\":\"signal\",\"to\":\"a\",\"from\":\"b\",\"from_id\":\"c\",\"payload\":1}",
                "{\"type\":\"welcome\",\"id\":\"i\",\"address\":\"nope\",\"stun\":[],\"relay\":true}",
                "{\"type\":\"challenge\",\"nonce\":\"n\"} trailing")) {
            assertThatThrownBy(() -> SignalCodec.decode(text)).as(text)
                    .isInstanceOfSatisfying(SignalDecodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED));
        }
    }

    @Test
    void ignoresUnknownFieldsAndUnknownErrorCodes() throws Exception {
        assertThat(SignalCodec.decode("{\"type\":\"error\",\"code\":\"from_the_future\",\"reason\":\"r\",\"extra\":1}"))
                .isEqualTo(new Error(ErrorCode.UNKNOWN, "r", null));
    }

    @Test
    void helloKeepsTheTokenOutOfToString() {
        assertThat(new Hello("a", "k", "secret", 1).toString()).doesNotContain("secret");
    }
}
