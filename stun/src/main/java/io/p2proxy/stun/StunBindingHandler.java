package io.p2proxy.stun;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.stun.internal.ClassicBinding;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers STUN Binding requests on a datagram channel (RFC 8489 §6.3, §18.2.1) with
 * XOR-MAPPED-ADDRESS, SOFTWARE and FINGERPRINT, plus RESPONSE-ORIGIN and OTHER-ADDRESS (RFC 5780
 * §6) when it knows another address of the server. Requests with unknown comprehension-required
 * attributes, or a CHANGE-REQUEST it cannot honour, get 420 (§6.3.1.1, RFC 5780 §6.1).
 * Non-STUN datagrams and STUN messages other than Binding requests and indications pass on
 * untouched; malformed STUN is dropped. Stateless, so one instance may serve many channels.
 */
@Sharable
public final class StunBindingHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(StunBindingHandler.class);

    private final String software;
    private final InetSocketAddress otherAddress;

    public StunBindingHandler() {
        this(Version.software(), null);
    }

    /** @param otherAddress the server's other address for RFC 5780 attributes, or null */
    public StunBindingHandler(String software, InetSocketAddress otherAddress) {
        this.software = Objects.requireNonNull(software, "software");
        this.otherAddress = otherAddress;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf content = packet.content();
        if (StunMessages.isStun(content)) {
            if (!answer(ctx, packet)) {
                ctx.fireChannelRead(msg);
            }
        } else if (ClassicBinding.isRequest(content)) {
            try {
                ByteBuf response = ClassicBinding.respond(ctx.alloc(), content, packet.sender(), software);
                if (response != null) {
                    ctx.writeAndFlush(new DatagramPacket(response, packet.sender()), ctx.voidPromise());
                }
            } finally {
                packet.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /** Returns false to pass the packet on; otherwise the packet is consumed and released. */
    private boolean answer(ChannelHandlerContext ctx, DatagramPacket packet) {
        StunMessage request;
        try {
            request = StunCodec.decode(packet.content(), StunProtection.NONE);
        } catch (StunException e) {
            log.debug("dropping STUN datagram from {}: {}", packet.sender(), e.getMessage());
            packet.release();
            return true;
        }
        if (request.method() != StunMethod.BINDING || request.messageClass().isResponse()) {
            return false;
        }
        packet.release();
        if (request.messageClass() == StunClass.INDICATION) {
            return true; // §6.3.2: Binding indications are keepalives, never answered
        }
        StunMessage response = respond(request, packet.sender(), packet.recipient());
        ByteBuf out = StunCodec.encode(ctx.alloc(), response, StunProtection.FINGERPRINT);
        ctx.writeAndFlush(new DatagramPacket(out, packet.sender()), ctx.voidPromise());
        return true;
    }

    StunMessage respond(StunMessage request, InetSocketAddress sender, InetSocketAddress local) {
        List<StunAttribute> trailer = List.of(new StunAttribute.Software(software));
        StunMessage unknown = StunMessages.unknownAttributesResponse(request, trailer);
        if (unknown != null) {
            return unknown;
        }
        var change = request.attribute(NatBehaviorAttribute.ChangeRequest.class);
        if (change.isPresent() && (change.get().changeIp() || change.get().changePort())) {
            // RFC 5780 §6.1: a server that cannot send from the other address answers 420.
            List<StunAttribute> attributes = new ArrayList<>();
            attributes.add(new StunAttribute.UnknownAttributes(List.of(NatBehaviorAttribute.ChangeRequest.TYPE)));
            attributes.addAll(trailer);
            return StunMessage.errorResponse(request, StunAttribute.ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute",
                    attributes);
        }
        List<StunAttribute> attributes = new ArrayList<>(4);
        attributes.add(new StunAttribute.XorMappedAddress(sender));
        if (otherAddress != null && local != null) {
            attributes.add(new NatBehaviorAttribute.ResponseOrigin(local));
            attributes.add(new NatBehaviorAttribute.OtherAddress(otherAddress));
        }
        attributes.addAll(trailer);
        return StunMessage.successResponse(request, attributes);
    }
}
