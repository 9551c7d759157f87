package io.p2proxy.rtsp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client to server, first: splits the client's bytes into {@link RtspMessage}s and interleaved
 * {@link ByteBuf}s (RTCP receiver reports). Bytes that are not RTSP get a 400 and a clean close;
 * nothing after them is read.
 */
public final class RequestDecoder extends ChannelInboundHandlerAdapter implements RtspSplitter.Sink {

    private static final Logger log = LoggerFactory.getLogger(RequestDecoder.class);

    private final RtspSplitter splitter = new RtspSplitter();
    private final String label;
    private ChannelHandlerContext ctx;
    private boolean broken;

    public RequestDecoder(String label) {
        this.label = label;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (broken || !(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            splitter.feed(in, this, false);
        } catch (RtspParseException e) {
            broken = true;
            log.info("{}: client {} closed: {}", label, Clients.describe(ctx.channel()), e.getMessage());
            ctx.writeAndFlush(LocalReply.to(null, 400, "Bad Request", e.getMessage()))
                    .addListener(ChannelFutureListener.CLOSE);
        } finally {
            in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!broken) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void message(RtspMessage message) {
        ctx.fireChannelRead(message);
    }

    @Override
    public void raw(ByteBuf slice) {
        ctx.fireChannelRead(slice);
    }
}
