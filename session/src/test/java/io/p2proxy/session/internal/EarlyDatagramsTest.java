package io.p2proxy.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyDatagramsTest {

    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 4000);
    private static final InetSocketAddress TO = new InetSocketAddress("127.0.0.1", 5000);

    private static DatagramPacket packet(int first, int n) {
        return new DatagramPacket(Unpooled.buffer().writeByte(first).writeInt(n), TO, FROM);
    }

    @Test
    void quicDatagramsWaitAndAreReplayedInOrderOnceQuicIsThere() {
        EarlyDatagrams early = new EarlyDatagrams();
        EmbeddedChannel ch = new EmbeddedChannel(early);
        for (int i = 0; i < EarlyDatagrams.LIMIT + 4; i++) {
            ch.writeInbound(packet(0xC0, i)); // long-header QUIC
        }
        ch.writeInbound(packet(0x01, 99)); // STUN: never QUIC's
        assertThat((Object) ch.readInbound()).as("nothing passes while waiting").isNull();

        early.replayLater(ch.pipeline());
        ch.runPendingTasks();
        List<Integer> replayed = new ArrayList<>();
        for (DatagramPacket p; (p = ch.readInbound()) != null; ) {
            assertThat(p.sender()).isEqualTo(FROM);
            replayed.add(p.content().getInt(1));
            p.release();
        }
        assertThat(replayed).as("the first LIMIT, in order").hasSize(EarlyDatagrams.LIMIT)
                .isSortedAccordingTo(Integer::compare).startsWith(0);
        assertThat(ch.pipeline().get(EarlyDatagrams.class)).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void whatWaitsIsReleasedWhenTheSessionClosesFirst() {
        EmbeddedChannel ch = new EmbeddedChannel(new EarlyDatagrams());
        DatagramPacket p = packet(0x40, 1);
        ch.writeInbound(p);
        assertThat(p.refCnt()).isEqualTo(1);
        ch.close();
        assertThat(p.refCnt()).as("released on removal").isZero();
    }
}
