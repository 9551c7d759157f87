package io.p2proxy.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The decoder and the Binding responder on arbitrary bytes: the only failure allowed is a
 * {@link StunException}; whatever decodes re-encodes to the same message; nothing leaks (the
 * testkit's leak check fails the class). {@code ./mvnw verify} replays the committed corpus in
 * src/test/resources/io/p2proxy/stun/StunDecoderFuzzTestInputs; to fuzz, see the stun README.
 */
class StunDecoderFuzzTest {

    private static final StunKey KEY = StunKey.shortTerm(Rfc5769Vectors.PASSWORD);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 3478);

    @FuzzTest(maxDuration = "5m")
    void decoderFailsOnlyWithStunException(byte[] data) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(data.length).writeBytes(data);
        try {
            StunMessages.isStun(buf);
            try {
                StunCodec.decode(buf, StunProtection.sha1(KEY));
            } catch (StunException expected) {
                // a failed check is fine; anything else escaping is the bug we look for
            }
            StunMessage message;
            try {
                message = StunCodec.decode(buf);
            } catch (StunException expected) {
                return;
            }
            assertThat(buf.readerIndex()).isZero();
            assertThat(buf.readableBytes()).isEqualTo(data.length);
            reencodesToTheSameMessage(message, data.length);
        } finally {
            buf.release();
        }
    }

    @FuzzTest(maxDuration = "5m")
    void responderAnswersOrDropsButNeverBreaks(byte[] data) {
        EmbeddedChannel channel = new EmbeddedChannel(new StunBindingHandler("fuzz", SERVER));
        try {
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(data.length).writeBytes(data);
            channel.writeInbound(new DatagramPacket(buf, SERVER, CLIENT));
            Object out;
            while ((out = channel.readOutbound()) != null) {
                DatagramPacket response = (DatagramPacket) out;
                assertThat(response.recipient()).isEqualTo(CLIENT);
                ReferenceCountUtil.release(out);
            }
            channel.checkException();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void reencodesToTheSameMessage(StunMessage message, int inputLength) {
        ByteBuf again;
        try {
            again = StunCodec.encode(PooledByteBufAllocator.DEFAULT, message);
        } catch (IllegalArgumentException tooLarge) {
            // Invalid UTF-8 decodes to U+FFFD, which takes three bytes: only huge inputs may outgrow 64 KiB.
            assertThat(inputLength).as(tooLarge.getMessage()).isGreaterThan(0xffff / 3);
            return;
        }
        try {
            assertThat(StunCodec.decode(again)).isEqualTo(message);
        } catch (StunException e) {
            throw new AssertionError("re-encoded " + message + " does not decode", e);
        } finally {
            again.release();
        }
    }
}
