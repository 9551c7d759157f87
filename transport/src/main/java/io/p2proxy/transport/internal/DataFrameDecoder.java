package io.p2proxy.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stream pipeline, inbound: strips chunk headers (see {@link DataFrames}) and passes the payload on
 * as slices, no copy. A zero-length chunk fires {@link EndOfData}; bytes after it, or a chunk
 * over {@link DataFrames#MAX_CHUNK}, fire a {@link BadFrameException}. Owned by the stream's loop.
 */
public final class DataFrameDecoder extends ChannelInboundHandlerAdapter {

    private long remaining;      // payload bytes left in the current chunk
    private long header;         // varint bytes gathered so far
    private int headerLength;    // 0 = no header started
    private int headerRead;
    private boolean ended;
    private boolean failed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && !failed) {
                if (ended) {
                    fail(ctx, "data after END");
                } else if (remaining > 0) {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    remaining -= n;
                    ctx.fireChannelRead(in.readRetainedSlice(n));
                } else {
                    readHeader(ctx, in);
                }
            }
        } finally {
            in.release();
        }
    }

    private void readHeader(ChannelHandlerContext ctx, ByteBuf in) {
        if (headerLength == 0) {
            int first = in.readUnsignedByte();
            headerLength = DataFrames.varintLength(first);
            header = first & 0x3F;
            headerRead = 1;
        }
        while (headerRead < headerLength && in.isReadable()) {
            header = (header << 8) | in.readUnsignedByte();
            headerRead++;
        }
        if (headerRead < headerLength) {
            return;
        }
        headerLength = 0;
        if (header == 0) {
            ended = true;
            ctx.fireUserEventTriggered(EndOfData.INSTANCE);
        } else if (header > DataFrames.MAX_CHUNK) {
            fail(ctx, "chunk of " + header + " bytes (expected: at most " + DataFrames.MAX_CHUNK + ")");
        } else {
            remaining = header;
        }
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        failed = true;
        ctx.fireExceptionCaught(new BadFrameException(why));
    }

    /** True when END arrived and nothing is owed: a FIN now ends the stream completely. */
    public boolean ended() {
        return ended;
    }
}
