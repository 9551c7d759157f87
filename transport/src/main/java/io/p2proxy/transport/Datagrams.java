package io.p2proxy.transport;

import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/** Re-addressing datagrams while keeping GSO segmentation (Linux UDP_SEGMENT) intact. */
final class Datagrams {

    private Datagrams() {
    }

    /** A packet with {@code packet}'s content (ownership moves) addressed to {@code to}. */
    static DatagramPacket redirect(DatagramPacket packet, InetSocketAddress to) {
        if (packet instanceof io.netty.channel.epoll.SegmentedDatagramPacket segmented) {
            return new io.netty.channel.epoll.SegmentedDatagramPacket(segmented.content(),
                    segmented.segmentSize(), to, packet.sender());
        }
        return new DatagramPacket(packet.content(), to, packet.sender());
    }
}
