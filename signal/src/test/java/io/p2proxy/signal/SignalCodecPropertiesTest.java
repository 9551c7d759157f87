package io.p2proxy.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.p2proxy.common.HostPort;
import io.p2proxy.signal.SignalMessage.Challenge;
import io.p2proxy.signal.SignalMessage.Error;
import io.p2proxy.signal.SignalMessage.Hello;
import io.p2proxy.signal.SignalMessage.Prove;
import io.p2proxy.signal.SignalMessage.Signal;
import io.p2proxy.signal.SignalMessage.Welcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SignalCodecPropertiesTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Property(tries = 500)
    void everyMessageReadsBackAsItself(@ForAll("messages") SignalMessage message) throws Exception {
        assertThat(SignalCodec.decode(SignalCodec.encode(message))).isEqualTo(message);
    }

    @Provide
    Arbitrary<SignalMessage> messages() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40); // any code points, quotes, controls
        Arbitrary<String> name = Arbitraries.strings().withChars("abcxyz019-").ofMinLength(1).ofMaxLength(63)
                .filter(io.p2proxy.common.PeerName::isValid);
        Arbitrary<HostPort> address = Combinators.combine(
                Arbitraries.of("127.0.0.1", "198.18.0.1", "::1", "2001:db8::7", "example.org"),
                Arbitraries.integers().between(0, 65535)).as(HostPort::new);
        Arbitrary<SignalMessage> hello = Combinators.combine(name, text, text, Arbitraries.integers())
                .as(Hello::new);
        Arbitrary<SignalMessage> challenge = text.map(Challenge::new);
        Arbitrary<SignalMessage> prove = text.map(Prove::new);
        Arbitrary<SignalMessage> welcome = Combinators.combine(text, address, address.list().ofMaxSize(3),
                Arbitraries.of(true, false)).as(Welcome::new);
        Arbitrary<SignalMessage> to = Combinators.combine(name, payloads(2)).as(Signal::to);
        Arbitrary<SignalMessage> from = Combinators.combine(name, text, payloads(2)).as(Signal::from);
        Arbitrary<SignalMessage> error = Combinators.combine(
                Arbitraries.of(ErrorCode.class), text, text.injectNull(0.3)).as(Error::new);
        return Arbitraries.oneOf(hello, challenge, prove, welcome, to, from, error);
    }

    /** Opaque payloads: scalars, arrays and objects nested a few levels. */
    private static Arbitrary<JsonNode> payloads(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(JSON::textNode),
                Arbitraries.integers().map(JSON::numberNode),
                Arbitraries.longs().greaterOrEqual(1L + Integer.MAX_VALUE).map(JSON::numberNode),
                Arbitraries.of(true, false).map(JSON::booleanNode),
                Arbitraries.just(JSON.nullNode()));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> array = payloads(depth - 1).list().ofMaxSize(3).map(items -> {
            var a = JSON.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), payloads(depth - 1))
                .ofMaxSize(3).map(fields -> {
                    var o = JSON.objectNode();
                    fields.forEach(o::set);
                    return o;
                });
        return Arbitraries.oneOf(scalar, array, object);
    }
}
