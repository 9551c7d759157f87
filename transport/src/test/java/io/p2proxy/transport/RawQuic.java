package io.p2proxy.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.p2proxy.transport.internal.AppCodes;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A misbehaving peer: one more QUIC connection on peer A's socket (so it passes B's path handler
 * and pinning, as a compromised or buggy peer would) that writes whatever a test wants on raw
 * streams, bypassing the stream protocol.
 */
final class RawQuic implements AutoCloseable {

    final QuicChannel channel;

    RawQuic(PeerPair pair) throws Exception {
        channel = connect(pair).get(10, TimeUnit.SECONDS);
    }

    static io.netty.util.concurrent.Future<QuicChannel> connect(PeerPair pair) {
        return connect(pair, new java.util.ArrayList<>());
    }

    /** Connects; {@code channels} gets the channel at once, before its handshake completes. */
    static io.netty.util.concurrent.Future<QuicChannel> connect(PeerPair pair, java.util.List<QuicChannel> channels) {
        return QuicChannel.newBootstrap(pair.udpA)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void handlerAdded(ChannelHandlerContext ctx) {
                        channels.add((QuicChannel) ctx.channel());
                    }
                })
                .streamHandler(new ChannelInboundHandlerAdapter())
                .remoteAddress(PathHandler.VIRTUAL_REMOTE)
                .connect();
    }

    /** Opens a stream and writes {@code bytes} (no FIN); fails when B has no stream credit left. */
    Raw open(byte[] bytes) throws Exception {
        Raw raw = new Raw();
        QuicStreamChannel stream = channel.createStream(QuicStreamType.BIDIRECTIONAL, raw).get(5, TimeUnit.SECONDS);
        if (bytes.length > 0) {
            stream.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }
        return raw;
    }

    @Override
    public void close() {
        // "surplus": B must not take this connection's end as the loss of the whole pair.
        channel.close(true, AppCodes.CONN_SURPLUS, Unpooled.EMPTY_BUFFER).syncUninterruptibly();
    }

    /** What came back on one raw stream. */
    static final class Raw extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final CompletableFuture<String> ended = new CompletableFuture<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            synchronized (received) {
                byte[] b = new byte[buf.readableBytes()];
                buf.readBytes(b);
                received.writeBytes(b);
            }
            buf.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ended.complete("fin");
                ctx.close(); // ends our side too (FIN): B's QUIC then frees the stream and grants new credit
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof QuicStreamResetException reset) {
                ended.complete("reset 0x" + Long.toHexString(reset.applicationProtocolCode()));
                ctx.close();
            } else {
                ended.complete("error " + cause);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ended.complete("closed");
        }

        byte[] received() {
            synchronized (received) {
                return received.toByteArray();
            }
        }
    }
}
