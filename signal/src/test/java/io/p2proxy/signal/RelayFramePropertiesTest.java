package io.p2proxy.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.p2proxy.common.PeerName;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class RelayFramePropertiesTest {

    @Property(tries = 500)
    void everyFrameReadsBackAsItsNameAndDatagram(@ForAll("names") String peer,
            @ForAll @Size(min = 1, max = RelayFrame.MAX_DATAGRAM_BYTES) byte[] datagram) {
        ByteBuf frame = RelayFrame.encode(ByteBufAllocator.DEFAULT, peer, Unpooled.wrappedBuffer(datagram));
        try { // a wrapped array needs no release; the encoded frame does
            assertThat(frame.readableBytes()).isEqualTo(1 + peer.length() + datagram.length);
            assertThat((int) frame.getUnsignedByte(0)).isEqualTo(peer.length());
            RelayFrame decoded = RelayFrame.decode(frame);
            assertThat(decoded).isNotNull();
            assertThat(decoded.peer()).isEqualTo(peer);
            assertThat(ByteBufUtil.getBytes(decoded.datagram())).isEqualTo(datagram);
        } finally {
            frame.release();
        }
    }

    /** The decoder's byte rule and {@link PeerName}'s pattern agree on every name it is shown. */
    @Property(tries = 1000)
    void aNameIsAcceptedExactlyWhenItIsAPeerName(@ForAll("anyAscii") String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        ByteBuf frame = Unpooled.buffer().writeByte(bytes.length).writeBytes(bytes).writeByte(7);
        try {
            assertThat(RelayFrame.decode(frame) != null).isEqualTo(PeerName.isValid(name));
        } finally {
            frame.release();
        }
    }

    @Property(tries = 200)
    void wrongSizesAreMalformed(@ForAll("names") String peer, @ForAll("badSizes") int size) {
        byte[] name = peer.getBytes(StandardCharsets.US_ASCII);
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[] {(byte) name.length}, name, new byte[size]);
        try {
            assertThat(RelayFrame.decode(frame)).isNull();
        } finally {
            frame.release();
        }
        assertThatThrownBy(() -> RelayFrame.encode(ByteBufAllocator.DEFAULT, peer, Unpooled.wrappedBuffer(new byte[size])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: 1..1500");
    }

    @Property(tries = 200)
    void aLengthThatLeavesNoDatagramIsMalformed(@ForAll("names") String peer, @ForAll byte lengthByte) {
        int n = lengthByte & 0xff;
        byte[] name = peer.getBytes(StandardCharsets.US_ASCII);
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[] {(byte) n}, name);
        // A length shorter than the name leaves its tail as the datagram: a frame (the first property).
        if (n >= name.length) {
            assertThat(RelayFrame.decode(frame)).isNull();
        }
        frame.release();
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(63)
                .filter(PeerName::isValid);
    }

    @Provide
    Arbitrary<String> anyAscii() {
        return Arbitraries.oneOf(names(), Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(70),
                Arbitraries.strings().withChars("az09-_.A").ofMinLength(1).ofMaxLength(64));
    }

    @Provide
    Arbitrary<Integer> badSizes() {
        return Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(RelayFrame.MAX_DATAGRAM_BYTES + 1, 4 * RelayFrame.MAX_DATAGRAM_BYTES));
    }
}
