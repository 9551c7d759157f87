package io.p2proxy.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.p2proxy.transport.OpenError;
import io.p2proxy.transport.OpenMetadata;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;

class StreamWireTest {

    @Property
    void openRoundTripsAtEverySplit(@ForAll @StringLength(min = 1, max = 63) @Chars({'a', 'z', '0', '9', '-'}) @CharRange(from = 'a', to = 'z') String name,
                                    @ForAll @IntRange(min = 0, max = 40) int split) throws Exception {
        String resource = name.startsWith("-") ? "x" + name.substring(1) : name;
        OpenFrame frame = new OpenFrame(resource, new OpenMetadata("127.0.0.1:5000", "forward"));
        ByteBuf all = Unpooled.buffer();
        StreamWire.encodeOpen(frame, all);
        all.writeBytes(new byte[] {1, 2, 3}); // data right behind OPEN stays put
        int cut = Math.min(split, all.readableBytes() - 4);
        ByteBuf part = all.retainedSlice(0, cut);
        try {
            if (cut < all.readableBytes() - 3) {
                assertThat(StreamWire.decodeOpen(part)).isNull();
                assertThat(part.readerIndex()).isZero();
            }
            assertThat(StreamWire.decodeOpen(all)).isEqualTo(frame);
            assertThat(all.readableBytes()).isEqualTo(3);
        } finally {
            part.release();
            all.release();
        }
    }

    @Property
    void varintChunksRoundTrip(@ForAll @LongRange(min = 1, max = DataFrames.MAX_CHUNK) long length) {
        ByteBuf b = Unpooled.buffer();
        DataFrames.writeVarint(b, length);
        int first = b.getUnsignedByte(0);
        assertThat(DataFrames.varintLength(first)).isEqualTo(b.readableBytes());
        b.release();
    }

    @org.junit.jupiter.api.Test
    void garbageAndOversizedNamesAreBadFrames() {
        ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {9, 9, 9, 9});
        assertThatThrownBy(() -> StreamWire.decodeOpen(garbage)).isInstanceOf(BadFrameException.class);
        garbage.release();
        ByteBuf tooLong = Unpooled.buffer().writeByte(1).writeByte('O').writeShort(StreamWire.MAX_OPEN_BODY + 1);
        assertThatThrownBy(() -> StreamWire.decodeOpen(tooLong)).isInstanceOf(BadFrameException.class);
        tooLong.release();
        ByteBuf badName = Unpooled.buffer().writeByte(1).writeByte('O').writeShort(3).writeByte(1).writeByte('A').writeByte(0);
        assertThatThrownBy(() -> StreamWire.decodeOpen(badName)).isInstanceOf(BadFrameException.class);
        badName.release();
    }

    @org.junit.jupiter.api.Test
    void answersDecodeAndUnknownCodesAreRefused() throws Exception {
        ByteBuf ok = Unpooled.buffer();
        StreamWire.encodeAnswer(OpenError.NOT_FOUND_OR_DENIED.wire(), ok);
        assertThat(StreamWire.decodeAnswer(ok)).isEqualTo(1);
        ok.release();
        ByteBuf unknown = Unpooled.wrappedBuffer(new byte[] {1, 77});
        assertThatThrownBy(() -> StreamWire.decodeAnswer(unknown)).isInstanceOf(BadFrameException.class);
        unknown.release();
    }

    @org.junit.jupiter.api.Test
    void decoderStripsChunkHeadersAndSignalsEnd() {
        EmbeddedChannel ch = new EmbeddedChannel(new DataFrameEncoder(), new DataFrameDecoder());
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[300]));
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            wire.writeBytes(b);
            b.release();
        }
        wire.writeByte(0); // END
        for (int i = 0; i < wire.readableBytes(); i++) {
            ch.writeInbound(wire.retainedSlice(i, 1)); // one byte at a time: headers split anywhere
        }
        wire.release();
        int total = 0;
        for (ByteBuf b; (b = ch.readInbound()) != null; ) {
            total += b.readableBytes();
            b.release();
        }
        assertThat(total).isEqualTo(300);
        assertThat(ch.pipeline().get(DataFrameDecoder.class).ended()).isTrue();
        ch.finishAndReleaseAll();
    }
}
