package io.p2proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SessionSignalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<SessionSignal> signals() {
        Arbitrary<String> sid = Arbitraries.strings().withChars("0123456789abcdef").ofLength(16);
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
        Arbitrary<List<String>> cands = text.list().ofMaxSize(5);
        Arbitrary<Boolean> done = Arbitraries.of(true, false);
        return Arbitraries.oneOf(
                Combinators.combine(sid, text, text, cands, done).as(SessionSignal.Offer::new),
                Combinators.combine(sid, text, text, cands, done).as(SessionSignal.Answer::new),
                Combinators.combine(sid, cands, done).as(SessionSignal.Candidates::new),
                Combinators.combine(sid, text).as(SessionSignal.Bye::new),
                Combinators.combine(sid, done).as(SessionSignal.Hello::new));
    }

    @Property
    void everySignalSurvivesJson(@ForAll("signals") SessionSignal signal) throws Exception {
        String wire = JSON.writeValueAsString(signal.toJson());
        assertThat(SessionSignal.fromJson(JSON.readTree(wire))).isEqualTo(signal);
    }

    @Test
    void malformedSignalsAreRefusedWithWhatWasExpected() throws Exception {
        for (String bad : List.of("[]", "{}", "{\"session\":\"xyz\",\"kind\":\"bye\",\"reason\":\"r\"}",
                "{\"session\":\"0123456789abcdef\",\"kind\":\"hello\"}",
                "{\"session\":\"0123456789abcdef\",\"kind\":\"offer\",\"ufrag\":\"u\",\"pwd\":\"p\",\"candidates\":[1],\"done\":false}",
                "{\"session\":\"0123456789abcdef\",\"kind\":\"candidates\",\"candidates\":[],\"done\":\"yes\"}")) {
            assertThatThrownBy(() -> SessionSignal.fromJson(JSON.readTree(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected");
        }
    }
}
