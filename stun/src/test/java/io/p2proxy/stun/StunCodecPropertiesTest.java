package io.p2proxy.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class StunCodecPropertiesTest {

    @Example
    void theGeneratorsCoverEveryAttributeRecord() {
        Set<Class<?>> records = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(StunAttribute.class));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c.isRecord()) {
                records.add(c);
            } else {
                todo.addAll(List.of(c.getPermittedSubclasses()));
            }
        }
        assertThat(records).hasSize(30).isEqualTo(StunArbitraries.byType().keySet());
    }

    @Property(tries = 3000)
    void everyAttributeRoundTripsAlone(@ForAll("anyAttribute") StunAttribute attribute,
            @ForAll("transactionIds") TransactionId id) throws StunException {
        StunMessage message = new StunMessage(StunClass.INDICATION, StunMethod.SEND, id, List.of(attribute));
        // No checks: a lone FINGERPRINT here carries an arbitrary value.
        ByteBuf buf = StunCodec.encode(PooledByteBufAllocator.DEFAULT, message);
        try {
            assertThat(StunCodec.decode(buf)).isEqualTo(message);
        } finally {
            buf.release();
        }
    }

    @Property(tries = 500)
    void wholeMessagesRoundTripAndVerify(@ForAll("messages") StunMessage message,
            @ForAll("protections") StunProtection protection) throws StunException {
        StunMessage decoded = roundTrip(message, protection);
        int added = (protection.sha1() ? 1 : 0) + (protection.sha256() ? 1 : 0) + (protection.fingerprint() ? 1 : 0);
        assertThat(decoded.attributes()).hasSize(message.attributes().size() + added);
        assertThat(new StunMessage(decoded.messageClass(), decoded.method(), decoded.transactionId(),
                decoded.attributes().subList(0, message.attributes().size()))).isEqualTo(message);
    }

    @Property
    void classAndMethodSurviveTheBitInterleaving(@ForAll @IntRange(min = 0, max = 0xfff) int method,
            @ForAll StunClass messageClass) throws StunException {
        StunMessage message = new StunMessage(messageClass, method, TransactionId.random(), List.of());
        assertThat(roundTrip(message, StunProtection.NONE)).isEqualTo(message);
    }

    /** RFC 7983's first-byte range 0..3 holds every method up to 0x0ff, which is all there are. */
    @Property(tries = 200)
    void encodedMessagesAreRecognisedAsStun(@ForAll("messages") StunMessage anyMethod) {
        StunMessage message = new StunMessage(anyMethod.messageClass(), anyMethod.method() & 0xff,
                anyMethod.transactionId(), anyMethod.attributes());
        ByteBuf buf = StunCodec.encode(PooledByteBufAllocator.DEFAULT, message, StunProtection.FINGERPRINT);
        try {
            assertThat(StunMessages.isStun(buf)).isTrue();
        } finally {
            buf.release();
        }
    }

    private static StunMessage roundTrip(StunMessage message, StunProtection protection) throws StunException {
        ByteBuf buf = StunCodec.encode(PooledByteBufAllocator.DEFAULT, message, protection);
        try {
            int before = buf.readerIndex();
            StunMessage decoded = StunCodec.decode(buf, protection);
            assertThat(buf.readerIndex()).isEqualTo(before);
            return decoded;
        } finally {
            buf.release();
        }
    }

    @Provide
    Arbitrary<StunAttribute> anyAttribute() {
        return StunArbitraries.anyAttribute();
    }

    @Provide
    Arbitrary<TransactionId> transactionIds() {
        return StunArbitraries.transactionIds();
    }

    @Provide
    Arbitrary<StunMessage> messages() {
        return Combinators.combine(Arbitraries.of(StunClass.class), Arbitraries.integers().between(0, 0xfff),
                StunArbitraries.transactionIds(), StunArbitraries.plainAttribute().list().ofMaxSize(12))
                .as(StunMessage::new);
    }

    @Provide
    Arbitrary<StunProtection> protections() {
        Arbitrary<StunKey> keys = StunArbitraries.bytes(0, 40).map(StunKey::of);
        return Combinators.combine(keys, Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(StunProtection::new);
    }
}
