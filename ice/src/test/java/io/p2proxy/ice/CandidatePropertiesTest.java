package io.p2proxy.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every candidate the model can hold survives its string form; credentials survive theirs. */
class CandidatePropertiesTest {

    @Property(tries = 500)
    void formatThenParseIsIdentity(@ForAll("candidates") Candidate c) throws IceException {
        assertThat(Candidate.parse(c.format())).isEqualTo(c);
    }

    @Property(tries = 200)
    void parsingNeverThrowsAnythingButIceException(@ForAll("candidates") Candidate c, @ForAll int cut) {
        String text = c.format();
        String damaged = text.substring(0, Math.floorMod(cut, text.length() + 1));
        try {
            Candidate parsed = Candidate.parse(damaged);
            if (damaged.equals(text)) {
                assertThat(parsed).isEqualTo(c);
            }
        } catch (IceException expected) {
            assertThat(expected.reason()).isEqualTo(IceException.Reason.MALFORMED);
        }
    }

    @Provide
    Arbitrary<Candidate> candidates() {
        Arbitrary<String> foundation = Arbitraries.strings().withChars("abcXYZ019+/").ofMinLength(1).ofMaxLength(32);
        Arbitrary<Integer> component = Arbitraries.integers().between(1, 256);
        Arbitrary<TransportKind> transport = Arbitraries.of(TransportKind.UDP, new TransportKind("TCP"),
                new TransportKind("P2PROXY-RELAY"));
        Arbitrary<Long> priority = Arbitraries.longs().between(1, Candidate.MAX_PRIORITY);
        Arbitrary<CandidateType> type = Arbitraries.of(CandidateType.class);
        return Combinators.combine(foundation, component, transport, priority, addresses(), type, addresses().injectNull(0.3))
                .as((f, comp, t, p, a, ty, rel) -> new Candidate(f, comp, t, p, a, ty, ty == CandidateType.HOST ? null : rel));
    }

    private static Arbitrary<InetSocketAddress> addresses() {
        Arbitrary<byte[]> ip = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16));
        return Combinators.combine(ip, Arbitraries.integers().between(0, 65535)).as((bytes, port) -> {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
    }
}
