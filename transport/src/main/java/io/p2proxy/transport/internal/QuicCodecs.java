package io.p2proxy.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicCodecBuilder;
import io.netty.handler.codec.quic.QuicCongestionControlAlgorithm;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicTokenHandler;
import io.p2proxy.common.Transports;
import io.p2proxy.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Builds the QUIC codecs with the tuning NOTES.md measured; both roles share it. */
public final class QuicCodecs {

    /** GSO segments per send (Linux UDP_SEGMENT); 0 turns GSO off. */
    static final int GSO_SEGMENTS = Integer.getInteger("p2proxy.quic.gso", 16);
    static final QuicCongestionControlAlgorithm CC = QuicCongestionControlAlgorithm.valueOf(
            System.getProperty("p2proxy.quic.cc", "BBR"));

    private QuicCodecs() {
    }

    public static boolean gso() {
        return GSO_SEGMENTS > 0 && Transports.epoll()
                && io.netty.channel.epoll.SegmentedDatagramPacket.isSupported();
    }

    private static <B extends QuicCodecBuilder<B>> B tune(B b, TransportConfig c, QuicSslContext ssl) {
        return b.sslContext(ssl)
                .maxIdleTimeout(c.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .maxSendUdpPayloadSize(c.maxUdpPayload())
                .maxRecvUdpPayloadSize(c.maxUdpPayload())
                .initialMaxData(c.connectionWindow())
                .initialMaxStreamDataBidirectionalLocal(c.streamWindow())
                .initialMaxStreamDataBidirectionalRemote(c.streamWindow())
                // RFC 9000 section 4.6: the peer may open this many streams at once on one connection;
                // the dialer spreads beyond it over more connections on the same socket.
                .initialMaxStreamsBidirectional(c.streamsPerConnection())
                .initialMaxStreamsUnidirectional(0)
                .activeMigration(false) // the path handler hides every path change from QUIC
                .discoverPmtu(false)
                .congestionControlAlgorithm(CC)
                .datagram(8, 8); // RFC 9221 DATAGRAM frames carry the keepalive
    }

    public static ChannelHandler client(TransportConfig c, QuicSslContext ssl) {
        return tune(new QuicClientCodecBuilder(), c, ssl).build();
    }

    public static ChannelHandler server(TransportConfig c, QuicSslContext ssl, ChannelHandler linkHandler,
                                        ChannelHandler streamHandler) {
        QuicServerCodecBuilder b = tune(new QuicServerCodecBuilder(), c, ssl)
                // ICE's connectivity checks already proved the path: no Retry round trip (RFC 9000 section 8.1).
                .tokenHandler(NoTokens.INSTANCE)
                .handler(linkHandler)
                .streamHandler(streamHandler)
                .streamOption(ChannelOption.AUTO_READ, false);
        if (gso()) {
            b.option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR,
                    EpollQuicUtils.newSegmentedAllocator(GSO_SEGMENTS));
        }
        return b.build();
    }

    /** Address validation is ICE's job; QUIC issues no tokens. */
    private enum NoTokens implements QuicTokenHandler {
        INSTANCE;

        @Override
        public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
            return false;
        }

        @Override
        public int validateToken(ByteBuf token, InetSocketAddress address) {
            return 0;
        }

        @Override
        public int maxTokenLength() {
            return 0;
        }
    }
}
