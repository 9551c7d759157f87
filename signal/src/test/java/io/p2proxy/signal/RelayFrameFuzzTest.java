package io.p2proxy.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.p2proxy.common.PeerName;

/**
 * The relay frame decoder answers every input with a frame or null: no exception, no change to the
 * input. A decoded frame satisfies every rule of the wire format and encodes back to the input's
 * bytes. The committed corpus under {@code RelayFrameFuzzTestInputs/decode} runs in every build;
 * run with {@code JAZZER_FUZZ=1} to search for more.
 */
class RelayFrameFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        RelayFrame frame = RelayFrame.decode(in);
        assertThat(in.readerIndex()).isZero();
        assertThat(in.refCnt()).isEqualTo(1);
        if (frame == null) {
            return;
        }
        assertThat(PeerName.isValid(frame.peer())).isTrue();
        assertThat(frame.datagram().readableBytes()).isBetween(1, RelayFrame.MAX_DATAGRAM_BYTES);
        ByteBuf again = RelayFrame.encode(ByteBufAllocator.DEFAULT, frame.peer(), frame.datagram());
        try {
            assertThat(again).isEqualTo(in);
        } finally {
            again.release();
        }
    }
}
