package io.p2proxy.turn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;

/**
 * The stream decoder on arbitrary bytes from a TURN server, fed in arbitrary pieces (the first
 * byte of the input picks the piece size): the only failure is a corrupted frame, every message
 * it emits is whole (its length is the one its header gives), nothing leaks (the testkit's leak
 * check fails the class). {@code ./mvnw verify} replays the committed corpus in
 * src/test/resources/io/p2proxy/turn/internal/TurnStreamDecoderFuzzTestInputs.
 */
class TurnStreamDecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void emitsWholeMessagesOrFailsAsCorrupted(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int piece = 1 + (data[0] & 0x3f);
        EmbeddedChannel channel = new EmbeddedChannel(new TurnStreamDecoder());
        try {
            for (int at = 1; at < data.length && channel.isOpen(); at += piece) {
                int n = Math.min(piece, data.length - at);
                channel.writeInbound(PooledByteBufAllocator.DEFAULT.directBuffer(n).writeBytes(data, at, n));
                ByteBuf frame;
                while ((frame = channel.readInbound()) != null) {
                    try {
                        assertThat(TurnStreamDecoder.frameLength(frame)).isEqualTo(frame.readableBytes());
                    } finally {
                        frame.release();
                    }
                }
                channel.checkException();
            }
        } catch (DecoderException e) {
            assertThat(e).isInstanceOf(CorruptedFrameException.class);
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
