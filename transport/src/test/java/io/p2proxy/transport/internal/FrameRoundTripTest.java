package io.p2proxy.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.p2proxy.transport.OpenError;
import io.p2proxy.transport.OpenMetadata;
import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Every frame the stream protocol has, encoded then decoded, whatever the split of the bytes. */
class FrameRoundTripTest {

    @Property
    void openFramesRoundTripWithAnyMetadata(@ForAll("resources") String resource, @ForAll("printable") String client,
                                            @ForAll("listener") String listener) throws Exception {
        OpenFrame frame = new OpenFrame(resource, new OpenMetadata(client, listener));
        ByteBuf wire = Unpooled.buffer();
        try {
            StreamWire.encodeOpen(frame, wire);
            assertThat(wire.readableBytes()).isLessThanOrEqualTo(StreamWire.OPEN_HEADER + StreamWire.MAX_OPEN_BODY);
            assertThat(StreamWire.decodeOpen(wire)).isEqualTo(frame);
            assertThat(wire.isReadable()).isFalse();
        } finally {
            wire.release();
        }
    }

    @Property
    void everyAnswerCodeRoundTrips(@ForAll("answers") int code) throws Exception {
        ByteBuf wire = Unpooled.buffer();
        try {
            StreamWire.encodeAnswer(code, wire);
            ByteBuf first = wire.slice(0, 1);
            assertThat(StreamWire.decodeAnswer(first)).isEqualTo(-1);
            assertThat(StreamWire.decodeAnswer(wire)).isEqualTo(code);
        } finally {
            wire.release();
        }
    }

    /** Payloads through the encoder, the wire cut into pieces anywhere, then the decoder: same bytes, one END. */
    @Property(tries = 300)
    void chunksRoundTripAtAnySplit(@ForAll @Size(max = 8) List<@Size(max = 20_000) byte[]> payloads,
                                   @ForAll @IntRange(min = 1, max = 5000) int piece) {
        EmbeddedChannel sender = new EmbeddedChannel(new DataFrameEncoder());
        Collect collect = new Collect();
        EmbeddedChannel receiver = new EmbeddedChannel(new DataFrameDecoder(), collect);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteBuf wire = Unpooled.buffer();
        try {
            for (byte[] p : payloads) {
                expected.writeBytes(p);
                sender.writeOutbound(Unpooled.wrappedBuffer(p));
                for (ByteBuf b; (b = sender.readOutbound()) != null; ) {
                    wire.writeBytes(b);
                    b.release();
                }
            }
            wire.writeByte(0); // END, as DataFrames.end() sends it with the FIN
            while (wire.isReadable()) {
                receiver.writeInbound(wire.readRetainedSlice(Math.min(piece, wire.readableBytes())));
            }
            assertThat(collect.bytes.toByteArray()).isEqualTo(expected.toByteArray());
            assertThat(collect.ends).isEqualTo(1);
        } finally {
            wire.release();
            sender.finishAndReleaseAll();
            receiver.finishAndReleaseAll();
        }
    }

    @Provide
    Arbitrary<String> resources() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(63)
                .filter(s -> io.p2proxy.common.PeerName.isValid(s));
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange('!', '~').ofMaxLength(OpenMetadata.MAX_CLIENT);
    }

    @Provide
    Arbitrary<String> listener() {
        return Arbitraries.strings().withCharRange('!', '~').ofMaxLength(OpenMetadata.MAX_LISTENER);
    }

    @Provide
    Arbitrary<Integer> answers() {
        return Arbitraries.of(java.util.stream.Stream.concat(java.util.stream.Stream.of(StreamWire.OK),
                java.util.Arrays.stream(OpenError.values()).filter(e -> e.wire() > 0).map(OpenError::wire)).toList());
    }

    private static final class Collect extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int ends;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            bytes.writeBytes(a);
            b.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == EndOfData.INSTANCE) {
                ends++;
            }
        }
    }
}
