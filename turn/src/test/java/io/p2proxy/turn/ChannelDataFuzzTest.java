package io.p2proxy.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * The ChannelData decoder and the TURN handler on arbitrary bytes from the server: nothing
 * throws, frames stay inside the buffer, nothing leaks (the testkit's leak check fails the class).
 * {@code ./mvnw verify} replays the committed corpus in
 * src/test/resources/io/p2proxy/turn/ChannelDataFuzzTestInputs; to fuzz, see the turn README.
 */
class ChannelDataFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decoderStaysInsideTheDatagram(byte[] data) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(data.length).writeBytes(data);
        try {
            ChannelData.Frame frame = ChannelData.decodeDatagram(buf);
            if (frame != null) {
                assertThat(ChannelData.validChannel(frame.channel())).isTrue();
                assertThat(frame.dataIndex()).isEqualTo(4);
                assertThat(frame.dataIndex() + frame.dataLength()).isLessThanOrEqualTo(data.length);
                assertThat(data.length - frame.dataIndex() - frame.dataLength()).isBetween(0, 3);
            }
            assertThat(ChannelData.streamFrameLength(buf)).isGreaterThanOrEqualTo(-1);
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    @FuzzTest(maxDuration = "5m")
    void handlerUnwrapsOrDropsWhatTheServerSends(byte[] data) throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(true)) {
            t.fromServer(PooledByteBufAllocator.DEFAULT.directBuffer(data.length).writeBytes(data));
            Object in;
            while ((in = t.channel.readInbound()) != null) {
                DatagramPacket p = (DatagramPacket) in;
                if (p instanceof RelayedDatagramPacket) {
                    assertThat(p.recipient()).isEqualTo(EmbeddedTurn.RELAYED);
                } else {
                    assertThat(p.sender()).isEqualTo(EmbeddedTurn.SERVER);
                }
                ReferenceCountUtil.release(in);
            }
            t.channel.checkException();
        }
    }
}
