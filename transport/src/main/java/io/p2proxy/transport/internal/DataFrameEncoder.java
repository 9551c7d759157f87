package io.p2proxy.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Stream pipeline, outbound: each {@link ByteBuf} read from TCP becomes one data chunk (see
 * {@link DataFrames}). Control frames and END are written as {@code QuicStreamFrame}s and pass
 * untouched.
 */
public final class DataFrameEncoder extends MessageToMessageEncoder<ByteBuf> {

    public DataFrameEncoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        if (!msg.isReadable()) {
            // An empty chunk would read as END; dropping it fails the write ("must produce at least
            // one message") and the splice would reset the stream. Pass it on: QUIC writes nothing.
            out.add(msg.retain());
            return;
        }
        ByteBuf header = ctx.alloc().directBuffer(8);
        DataFrames.writeVarint(header, msg.readableBytes());
        CompositeByteBuf chunk = ctx.alloc().compositeDirectBuffer(2);
        chunk.addComponents(true, header, msg.retain());
        out.add(chunk);
    }
}
