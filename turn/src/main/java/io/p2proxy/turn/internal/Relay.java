package io.p2proxy.turn.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.stun.TurnAttribute;
import io.p2proxy.turn.ChannelData;
import io.p2proxy.turn.RelayedDatagramPacket;
import java.net.InetSocketAddress;

/**
 * The data plane: wraps a peer datagram for the server and unwraps what the server relays.
 * ChannelData (§12) once the channel is bound, Send and Data indications (§11) before. Confined to
 * the channel's event loop.
 */
final class Relay {

    /** The method bits of a STUN message type (class bits 0x0110 masked out). */
    private static final int METHOD_MASK = 0x3EEF;
    private static final int CLASS_MASK = 0x0110;
    private static final int INDICATION = 0x0010;

    final InetSocketAddress server;
    private final Channels channels;
    /** Over TCP every ChannelData message is padded to a multiple of four (§12.5). */
    private final boolean padded;
    /** Non-null exactly while the allocation is live. */
    InetSocketAddress relayed;
    long datagramsIn;
    long datagramsOut;

    Relay(InetSocketAddress server, Channels channels, boolean padded) {
        this.server = server;
        this.channels = channels;
        this.padded = padded;
    }

    /** The datagram to send to the server for {@code data} to reach {@code peer}. {@code data} is not released. */
    ByteBuf wrap(ByteBufAllocator alloc, InetSocketAddress peer, ByteBuf data) {
        int channel = channels.boundNumber(peer);
        datagramsOut++;
        if (channel >= 0) {
            return ChannelData.encode(alloc, channel, data, padded);
        }
        // §11.1: a Send indication carries XOR-PEER-ADDRESS and DATA, no integrity.
        StunMessage send = StunMessage.indication(StunMethod.SEND, new TurnAttribute.XorPeerAddress(peer),
                new TurnAttribute.Data(ByteBufUtil.getBytes(data)));
        return StunCodec.encode(alloc, send, StunProtection.FINGERPRINT);
    }

    /** Whether a STUN datagram is a response (success or error) to a TURN method: Allocate..ChannelBind. */
    static boolean isTurnResponse(ByteBuf stun) {
        int type = stun.getUnsignedShort(stun.readerIndex());
        int method = type & METHOD_MASK;
        return (type & 0x0100) != 0 && method >= StunMethod.ALLOCATE && method <= StunMethod.CHANNEL_BIND;
    }

    /** Whether a STUN datagram is a Data indication (§11.4). */
    static boolean isDataIndication(ByteBuf stun) {
        int type = stun.getUnsignedShort(stun.readerIndex());
        return (type & CLASS_MASK) == INDICATION && (type & METHOD_MASK) == StunMethod.DATA;
    }

    /** The peer's datagram inside ChannelData from the server, or null if the frame or channel is unknown. */
    RelayedDatagramPacket fromChannelData(ByteBuf datagram) {
        ChannelData.Frame frame = ChannelData.decodeDatagram(datagram);
        InetSocketAddress peer = frame == null ? null : channels.peer(frame.channel());
        if (peer == null || relayed == null) {
            return null;
        }
        datagramsIn++;
        return new RelayedDatagramPacket(datagram.retainedSlice(frame.dataIndex(), frame.dataLength()), relayed, peer);
    }

    /** The peer's datagram inside a Data indication (§11.6), or null if it lacks XOR-PEER-ADDRESS or DATA. */
    RelayedDatagramPacket fromDataIndication(ByteBufAllocator alloc, ByteBuf datagram) throws StunException {
        StunMessage message = StunCodec.decode(datagram, StunProtection.NONE);
        InetSocketAddress peer = message.attribute(TurnAttribute.XorPeerAddress.class)
                .map(TurnAttribute.XorPeerAddress::address).orElse(null);
        byte[] data = message.attribute(TurnAttribute.Data.class).map(TurnAttribute.Data::bytes).orElse(null);
        if (peer == null || data == null || relayed == null) {
            return null;
        }
        datagramsIn++;
        return new RelayedDatagramPacket(alloc.buffer(data.length).writeBytes(data), relayed, peer);
    }
}
