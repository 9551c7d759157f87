package io.p2proxy.turn.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.p2proxy.turn.ChannelData;
import java.util.List;

/**
 * Cuts what a TURN server sends over TCP into messages (RFC 8656 §12.5): the first two bits tell
 * STUN (0b00: 20-byte header, its length field counts the attributes) from ChannelData (0b01,
 * channel numbers 0x4000..0x4FFF: 4-byte header and the data, padded to a multiple of four on a
 * stream). Each message is emitted whole, as a slice, padding included (the datagram decoders
 * accept up to three pad bytes). Anything else means the stream lost its framing, which nothing
 * can recover: the decoder throws and the connection is closed.
 */
public final class TurnStreamDecoder extends ByteToMessageDecoder {

    static final int STUN_HEADER = 20;

    private boolean corrupted;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (corrupted) {
            in.skipBytes(in.readableBytes()); // until the close the failure asked for
            return;
        }
        try {
            int length;
            while ((length = frameLength(in)) > 0 && in.readableBytes() >= length) {
                out.add(in.readRetainedSlice(length));
            }
        } catch (CorruptedFrameException e) {
            corrupted = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /**
     * The length of the message starting at {@code stream}'s reader index, or -1 until enough of
     * its header is readable (four bytes for ChannelData, twenty for STUN, whose length field sits
     * at offset 2 either way but must be a multiple of four only for STUN).
     *
     * @throws CorruptedFrameException when the first byte is neither STUN nor ChannelData, or a
     *         STUN length is not a multiple of four
     */
    public static int frameLength(ByteBuf stream) {
        if (stream.readableBytes() < ChannelData.HEADER_LENGTH) {
            return -1;
        }
        int first = stream.getUnsignedByte(stream.readerIndex());
        if (first >= 0x40 && first <= 0x4F) {
            return ChannelData.streamFrameLength(stream);
        }
        if (first >= 0x40) {
            throw new CorruptedFrameException(String.format("first byte 0x%02x (expected: STUN 0x00..0x3f or "
                    + "ChannelData 0x40..0x4f)", first));
        }
        int length = stream.getUnsignedShort(stream.readerIndex() + 2);
        if ((length & 3) != 0) {
            throw new CorruptedFrameException("STUN message length: " + length + " (expected: a multiple of 4)");
        }
        return stream.readableBytes() < STUN_HEADER ? -1 : STUN_HEADER + length;
    }
}
