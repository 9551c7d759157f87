package io.p2proxy.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 5769: decode, verify, re-encode, and no single flipped bit survives verification. */
class Rfc5769Test {

    private static final StunKey SHORT_TERM = StunKey.shortTerm(Rfc5769Vectors.PASSWORD);
    private static final StunKey LONG_TERM = StunKey.longTerm(Rfc5769Vectors.LONG_TERM_USERNAME,
            Rfc5769Vectors.LONG_TERM_REALM, Rfc5769Vectors.LONG_TERM_PASSWORD);
    private static final TransactionId ID = TransactionId.of(Rfc5769Vectors.hex("b7e7a701bc34d686fa87dfae"));

    @Test
    void sampleRequestDecodesAndVerifies() throws Exception {
        StunMessage m = StunCodec.decode(Rfc5769Vectors.REQUEST, StunProtection.sha1(SHORT_TERM));
        assertThat(m.messageClass()).isEqualTo(StunClass.REQUEST);
        assertThat(m.method()).isEqualTo(StunMethod.BINDING);
        assertThat(m.transactionId()).isEqualTo(ID);
        assertThat(m.attributes()).hasSize(6).startsWith(
                new StunAttribute.Software("STUN test client"),
                new IceAttribute.Priority(0x6e0001ffL),
                new IceAttribute.IceControlled(0x932ff9b151263b36L),
                new StunAttribute.Username("evtj:h6vY"));
        assertThat(m.attributes().get(5)).isEqualTo(new StunAttribute.Fingerprint(0xe57a3bcf));
    }

    @Test
    void reencodedVectorsDifferOnlyInPaddingAndVerify() throws Exception {
        // The vectors pad with spaces; we pad with zeros (§14: any value, ignored on receipt).
        assertReencodes(Rfc5769Vectors.REQUEST, 76, 73, 74, 75);
        assertReencodes(Rfc5769Vectors.IPV4_RESPONSE, 44, 35);
        assertReencodes(Rfc5769Vectors.IPV6_RESPONSE, 56, 35);
    }

    @Test
    void ipv4ResponseDecodesAndVerifies() throws Exception {
        StunMessage m = StunCodec.decode(Rfc5769Vectors.IPV4_RESPONSE, StunProtection.sha1(SHORT_TERM));
        assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(m.attributes().subList(0, 2)).containsExactly(
                new StunAttribute.Software("test vector"),
                new StunAttribute.XorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)));
    }

    @Test
    void ipv6ResponseDecodesAndVerifies() throws Exception {
        StunMessage m = StunCodec.decode(Rfc5769Vectors.IPV6_RESPONSE, StunProtection.sha1(SHORT_TERM));
        assertThat(m.attributes().subList(0, 2)).containsExactly(
                new StunAttribute.Software("test vector"),
                new StunAttribute.XorMappedAddress(new InetSocketAddress(
                        InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853)));
    }

    @Test
    void longTermRequestDecodesAndVerifiesAfterSaslprep() throws Exception {
        StunMessage m = StunCodec.decode(Rfc5769Vectors.LONG_TERM_REQUEST,
                StunProtection.sha1(LONG_TERM).withoutFingerprint());
        assertThat(m.attributes().subList(0, 3)).containsExactly(
                new StunAttribute.Username(Rfc5769Vectors.LONG_TERM_USERNAME),
                new StunAttribute.Nonce(Rfc5769Vectors.LONG_TERM_NONCE),
                new StunAttribute.Realm(Rfc5769Vectors.LONG_TERM_REALM));
        assertThat(LONG_TERM).isEqualTo(StunKey.longTerm(Rfc5769Vectors.LONG_TERM_USERNAME,
                Rfc5769Vectors.LONG_TERM_REALM, "TheMatrIX"));
        StunMessage plain = new StunMessage(m.messageClass(), m.method(), m.transactionId(), m.attributes().subList(0, 3));
        assertThat(StunCodec.encodeToBytes(plain, StunProtection.sha1(LONG_TERM).withoutFingerprint()))
                .isEqualTo(Rfc5769Vectors.LONG_TERM_REQUEST);
    }

    @Test
    void wrongKeyIsReportedAsBadIntegrity() {
        assertThatThrownBy(() -> StunCodec.decode(Rfc5769Vectors.REQUEST, StunProtection.sha1(StunKey.shortTerm("x"))))
                .isInstanceOfSatisfying(StunException.class,
                        e -> assertThat(e.reason()).isEqualTo(StunException.Reason.BAD_INTEGRITY));
        assertThatThrownBy(() -> StunCodec.decode(Rfc5769Vectors.LONG_TERM_REQUEST, StunProtection.FINGERPRINT))
                .isInstanceOfSatisfying(StunException.class,
                        e -> assertThat(e.reason()).isEqualTo(StunException.Reason.MISSING_FINGERPRINT));
        assertThatThrownBy(() -> StunCodec.decode(Rfc5769Vectors.IPV4_RESPONSE,
                StunProtection.sha256(SHORT_TERM)))
                .isInstanceOfSatisfying(StunException.class,
                        e -> assertThat(e.reason()).isEqualTo(StunException.Reason.MISSING_INTEGRITY));
    }

    @Test
    void everySingleBitFlipFailsVerification() {
        assertEveryFlipFails(Rfc5769Vectors.REQUEST, StunProtection.sha1(SHORT_TERM));
        assertEveryFlipFails(Rfc5769Vectors.IPV4_RESPONSE, StunProtection.sha1(SHORT_TERM));
        assertEveryFlipFails(Rfc5769Vectors.IPV6_RESPONSE, StunProtection.sha1(SHORT_TERM));
        assertEveryFlipFails(Rfc5769Vectors.LONG_TERM_REQUEST, StunProtection.sha1(LONG_TERM).withoutFingerprint());
    }

    @Test
    void flipsInsideTheMessageIntegrityAreReportedAsSuch() {
        // The HMAC value of the IPv4 response is bytes 52..71; flipping it breaks the HMAC and the CRC.
        byte[] flipped = Rfc5769Vectors.IPV4_RESPONSE.clone();
        flipped[55] ^= 1;
        assertThatThrownBy(() -> StunCodec.decode(flipped, StunProtection.sha1(SHORT_TERM).withoutFingerprint()))
                .isInstanceOfSatisfying(StunException.class, e -> assertThat(e.reason()).isIn(
                        StunException.Reason.BAD_FINGERPRINT, StunException.Reason.BAD_INTEGRITY));
    }

    private static void assertEveryFlipFails(byte[] vector, StunProtection protection) {
        int checked = 0;
        for (int bit = 0; bit < vector.length * 8; bit++) {
            byte[] flipped = vector.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(flipped.length).writeBytes(flipped);
            try {
                StunCodec.decode(buf, protection);
                throw new AssertionError("bit " + bit + " flipped and still verified");
            } catch (StunException expected) {
                checked++;
            } finally {
                buf.release();
            }
        }
        assertThat(checked).isEqualTo(vector.length * 8);
    }

    private static void assertReencodes(byte[] vector, int integrityOffset, int... padding) throws StunException {
        StunMessage m = StunCodec.decode(vector);
        StunMessage plain = new StunMessage(m.messageClass(), m.method(), m.transactionId(),
                m.attributes().subList(0, m.attributes().size() - 2));
        byte[] encoded = StunCodec.encodeToBytes(plain, StunProtection.sha1(SHORT_TERM));
        byte[] expected = vector.clone();
        for (int i : padding) {
            expected[i] = 0;
        }
        assertThat(encoded).hasSameSizeAs(vector);
        assertThat(Arrays.copyOf(encoded, integrityOffset)).isEqualTo(Arrays.copyOf(expected, integrityOffset));
        assertThat(StunCodec.decode(encoded, StunProtection.sha1(SHORT_TERM)).attributes())
                .startsWith(plain.attributes().toArray(StunAttribute[]::new));
    }
}
