package io.p2proxy.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Re-addressing datagrams while keeping GSO segmentation (Linux UDP_SEGMENT) intact. */
final class Datagrams {

    private Datagrams() {
    }

    /**
     * A packet with {@code packet}'s content (ownership moves) addressed to {@code to}, sent from
     * {@code via} (a TURN relayed address, which makes the TURN client carry it) or from the socket.
     */
    static DatagramPacket redirect(DatagramPacket packet, InetSocketAddress to, InetSocketAddress via) {
        if (packet instanceof SegmentedDatagramPacket segmented && via == null) {
            return new SegmentedDatagramPacket(segmented.content(), segmented.segmentSize(), to, packet.sender());
        }
        return new DatagramPacket(packet.content(), to, via != null ? via : packet.sender());
    }

    /**
     * {@code packet}'s content as single datagrams, GSO segments split apart (ownership moves to
     * the returned buffers): what a relay, which carries one datagram at a time, must send.
     */
    static List<ByteBuf> segments(DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (!(packet instanceof SegmentedDatagramPacket segmented) || content.readableBytes() <= segmented.segmentSize()) {
            return List.of(content);
        }
        List<ByteBuf> out = new ArrayList<>();
        int size = segmented.segmentSize();
        while (content.isReadable()) {
            out.add(content.readRetainedSlice(Math.min(size, content.readableBytes())));
        }
        content.release();
        return out;
    }
}
