package io.p2proxy.netcheck.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMessages;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.stun.TransactionId;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the answer to a CHANGE-REQUEST that comes from another address of the server (RFC 5780
 * §4.4: that is the point of it), which StunClient rightly drops for any other transaction. Sits
 * ahead of the client; only transactions registered here are matched, by id, from any source other
 * than the one asked. State is confined to the channel's event loop.
 */
final class ChangedSourceCatcher extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ChangedSourceCatcher.class);

    /** A response that came from {@code source}, not from the address the request went to. */
    record Caught(StunMessage response, InetSocketAddress source) {
    }

    private record Pending(InetSocketAddress asked, CompletableFuture<Caught> future) {
    }

    private final Map<TransactionId, Pending> pending = new HashMap<>();

    /** On the event loop: watch for {@code id} from anywhere but {@code asked}; forget it when {@code future} completes. */
    void expect(TransactionId id, InetSocketAddress asked, CompletableFuture<Caught> future) {
        pending.put(id, new Pending(asked, future));
    }

    void forget(TransactionId id) {
        pending.remove(id);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!pending.isEmpty() && msg instanceof DatagramPacket packet && isResponse(packet.content())) {
            ByteBuf content = packet.content();
            Pending p = pending.get(TransactionId.read(content, content.readerIndex() + 8));
            if (p != null && !p.asked().equals(packet.sender())) {
                try {
                    StunMessage response = StunCodec.decode(content, StunProtection.NONE);
                    pending.values().remove(p);
                    p.future().complete(new Caught(response, packet.sender()));
                } catch (StunException e) {
                    log.debug("dropping a malformed CHANGE-REQUEST answer from {}: {}", packet.sender(), e.getMessage());
                } finally {
                    packet.release();
                }
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isResponse(ByteBuf buf) {
        return StunMessages.isStun(buf) && (buf.getUnsignedShort(buf.readerIndex()) & 0x0100) != 0;
    }
}
