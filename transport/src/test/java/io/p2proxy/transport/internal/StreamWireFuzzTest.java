package io.p2proxy.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.p2proxy.transport.OpenError;

/**
 * The stream protocol's decoders on arbitrary bytes: the only failure allowed is a
 * {@link BadFrameException}; what decodes re-encodes to the same frame; nothing leaks (the
 * testkit's leak check fails the class). {@code ./mvnw verify} replays the committed corpus in
 * src/test/resources/io/p2proxy/transport/internal/StreamWireFuzzTestInputs; to fuzz for real:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl transport test -Dtest=StreamWireFuzzTest#openDecoderFailsOnlyWithBadFrame}.
 */
class StreamWireFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void openDecoderFailsOnlyWithBadFrame(byte[] data) {
        ByteBuf whole = PooledByteBufAllocator.DEFAULT.directBuffer(data.length).writeBytes(data);
        ByteBuf half = whole.retainedSlice(0, data.length / 2);
        try {
            OpenFrame fromHalf = null;
            boolean halfHopeless = false;
            try {
                fromHalf = StreamWire.decodeOpen(half); // a prefix: a frame already, needs more, or hopeless
                if (fromHalf == null) {
                    assertThat(half.readerIndex()).as("an incomplete frame is never consumed").isZero();
                }
            } catch (BadFrameException expected) {
                halfHopeless = true;
            }
            OpenFrame frame;
            try {
                frame = StreamWire.decodeOpen(whole);
            } catch (BadFrameException expected) {
                assertThat(fromHalf).as("more bytes cannot break a complete frame").isNull();
                return;
            }
            assertThat(halfHopeless).as("more bytes cannot mend a hopeless prefix").isFalse();
            if (fromHalf != null) {
                assertThat(frame).isEqualTo(fromHalf);
                assertThat(whole.readerIndex()).isEqualTo(half.readerIndex());
            }
            if (frame == null) {
                assertThat(whole.readerIndex()).isZero();
                return;
            }
            ByteBuf again = PooledByteBufAllocator.DEFAULT.buffer();
            try {
                StreamWire.encodeOpen(frame, again);
                assertThat(StreamWire.decodeOpen(again)).isEqualTo(frame);
            } catch (BadFrameException e) {
                throw new AssertionError("re-encoded " + frame + " does not decode", e);
            } finally {
                again.release();
            }
        } finally {
            half.release();
            whole.release();
        }
    }

    @FuzzTest(maxDuration = "5m")
    void answerDecoderFailsOnlyWithBadFrame(byte[] data) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(data.length).writeBytes(data);
        try {
            int code = StreamWire.decodeAnswer(in);
            if (code < 0) {
                assertThat(data.length).isLessThan(StreamWire.ANSWER_LENGTH);
            } else {
                assertThat(code == StreamWire.OK || OpenError.fromWire(code) != null).isTrue();
                assertThat(in.readerIndex()).isEqualTo(StreamWire.ANSWER_LENGTH);
            }
        } catch (BadFrameException expected) {
            // unknown version or code
        } finally {
            in.release();
        }
    }

    /** Bytes split at a fuzzer-chosen point into the chunk decoder: payload never exceeds input, END once. */
    @FuzzTest(maxDuration = "5m")
    void chunkDecoderFailsOnlyWithBadFrame(byte[] data) {
        Recording out = new Recording();
        EmbeddedChannel channel = new EmbeddedChannel(new DataFrameDecoder(), out);
        try {
            int cut = data.length == 0 ? 0 : (data[0] & 0xff) % (data.length + 1);
            channel.writeInbound(PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(data, 0, cut));
            channel.writeInbound(PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(data, cut, data.length - cut));
            assertThat(out.payload).isLessThanOrEqualTo(data.length);
            assertThat(out.ends).isLessThanOrEqualTo(1);
            assertThat(out.failure == null || out.failure instanceof BadFrameException)
                    .as("failure %s", out.failure).isTrue();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static final class Recording extends ChannelInboundHandlerAdapter {
        long payload;
        int ends;
        Throwable failure;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            payload += ((ByteBuf) msg).readableBytes();
            ((ByteBuf) msg).release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == EndOfData.INSTANCE) {
                ends++;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = cause;
        }
    }
}
