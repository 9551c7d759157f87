package io.p2proxy.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ChannelData framing (RFC 8656 §12.4, §12.5): table cases and round trips. */
class ChannelDataTest {

    @Test
    void udpFramesAreNotPaddedStreamFramesAre() {
        assertThat(hex(0x4001, "abc", false)).isEqualTo("40010003616263");
        assertThat(hex(0x4001, "abc", true)).isEqualTo("4001000361626300");
        assertThat(hex(0x4FFF, "", true)).isEqualTo("4fff0000");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "40000003616263, abc",          // exact
            "4000000361626300, abc",        // one pad byte
            "40000003616263000000, abc",    // three pad bytes
            "4000000361626300000000, ",     // four extra bytes: not padding
            "400000036162, ",               // shorter than the length says (§12.6)
            "3fff0000, ",                   // below 0x4000: not ChannelData
            "50000000, ",                   // 0x5000..0x7FFF reserved
            "400000, ",                     // no full header
    })
    void datagramsDecodeOnlyWhenWellFormed(String hex, String expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        ChannelData.Frame frame = ChannelData.decodeDatagram(buf);
        if (expected == null) {
            assertThat(frame).isNull();
        } else {
            assertThat(buf.toString(frame.dataIndex(), frame.dataLength(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(expected);
        }
    }

    @Test
    void encodingRefusesChannelNumbersOutsideTheRange() {
        ByteBuf data = Unpooled.buffer(0);
        assertThatThrownBy(() -> ChannelData.encode(UnpooledByteBufAllocator.DEFAULT, 0x5000, data, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x4000..0x4FFF");
    }

    @Property
    void everyFrameRoundTripsOverUdpAndOverAStream(@ForAll @IntRange(min = 0x4000, max = 0x4FFF) int channel,
            @ForAll @Size(max = 1500) byte[] data, @ForAll boolean padded) {
        ByteBuf encoded = ChannelData.encode(UnpooledByteBufAllocator.DEFAULT, channel, Unpooled.wrappedBuffer(data), padded);
        try {
            assertThat(ChannelData.looksLike(encoded)).isTrue();
            ChannelData.Frame frame = ChannelData.decodeDatagram(encoded);
            assertThat(frame.channel()).isEqualTo(channel);
            assertThat(ByteBufUtil.getBytes(encoded, frame.dataIndex(), frame.dataLength())).isEqualTo(data);
            if (padded) {
                assertThat(encoded.readableBytes() % 4).isZero();
                assertThat(ChannelData.streamFrameLength(encoded)).isEqualTo(encoded.readableBytes());
            } else {
                assertThat(encoded.readableBytes()).isEqualTo(4 + data.length);
            }
        } finally {
            encoded.release();
        }
    }

    private static String hex(int channel, String text, boolean padded) {
        ByteBuf out = ChannelData.encode(UnpooledByteBufAllocator.DEFAULT, channel,
                Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.UTF_8), padded);
        try {
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }
}
