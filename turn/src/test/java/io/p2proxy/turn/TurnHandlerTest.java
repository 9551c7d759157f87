package io.p2proxy.turn;

import static io.p2proxy.turn.EmbeddedTurn.PEER;
import static io.p2proxy.turn.EmbeddedTurn.RELAYED;
import static io.p2proxy.turn.EmbeddedTurn.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.stun.TurnAttribute;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TURN handler's demultiplexing and wrapping, on an EmbeddedChannel with the test as the server. */
class TurnHandlerTest {

    private static final InetSocketAddress STRANGER = new InetSocketAddress("127.0.0.1", 61000);

    @Test
    void channelDataFromTheServerBecomesADatagramFromThePeerAtTheRelayedAddress() throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(true)) {
            t.fromServer(channelData(0x4000, "hello", 0));
            DatagramPacket in = t.channel.readInbound();
            assertThat(in).isInstanceOf(RelayedDatagramPacket.class);
            assertThat(in.sender()).isEqualTo(PEER);
            assertThat(in.recipient()).isEqualTo(RELAYED);
            assertThat(text(in)).isEqualTo("hello");
        }
    }

    @Test
    void paddedChannelDataIsAcceptedAndMoreThanThreeExtraBytesAreDropped() throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(true)) {
            t.fromServer(channelData(0x4000, "pad", 1));
            assertThat(text(t.channel.readInbound())).isEqualTo("pad");
            t.fromServer(channelData(0x4000, "toolong", 4));
            assertThat((Object) t.channel.readInbound()).isNull();
        }
    }

    @Test
    void channelDataOnAnUnknownChannelIsDroppedAndReleased() throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(true)) {
            ByteBuf datagram = channelData(0x4001, "nobody", 0);
            t.fromServer(datagram);
            assertThat((Object) t.channel.readInbound()).isNull();
            assertThat(datagram.refCnt()).isZero();
        }
    }

    @Test
    void aDataIndicationBecomesADatagramFromThePeerItNames() throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(false)) {
            InetSocketAddress other = new InetSocketAddress("127.0.0.2", 7000);
            StunMessage data = StunMessage.indication(StunMethod.DATA, new TurnAttribute.XorPeerAddress(other),
                    new TurnAttribute.Data("indicated".getBytes(StandardCharsets.UTF_8)));
            t.fromServer(StunCodec.encode(t.channel.alloc(), data, StunProtection.FINGERPRINT));
            DatagramPacket in = t.channel.readInbound();
            assertThat(in.sender()).isEqualTo(other);
            assertThat(text(in)).isEqualTo("indicated");
        }
    }

    @Test
    void theSameBytesFromAnyoneButTheServerPassUntouched() throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(true)) {
            DatagramPacket quic = new DatagramPacket(channelData(0x4000, "quic short header", 0),
                    EmbeddedTurn.LOCAL, STRANGER);
            t.channel.writeInbound(quic);
            assertThat((Object) t.channel.readInbound()).isSameAs(quic);
            quic.release();
        }
    }

    @Test
    void bindingResponsesFromPeersOrTheServerGetPastTheStunClientToIce() throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(true)) {
            StunMessage binding = StunMessage.successResponse(StunMessage.request(StunMethod.BINDING), List.of());
            for (InetSocketAddress from : List.of(STRANGER, SERVER)) {
                DatagramPacket response = new DatagramPacket(
                        StunCodec.encode(t.channel.alloc(), binding, StunProtection.FINGERPRINT), EmbeddedTurn.LOCAL, from);
                t.channel.writeInbound(response);
                assertThat((Object) t.channel.readInbound()).as("from %s", from).isSameAs(response);
                response.release();
            }
        }
    }

    @Test
    void aHandlerAheadOfTheTurnHandlerSeesRelayedDatagramsToo() throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(true)) {
            List<InetSocketAddress> seenAhead = new ArrayList<>();
            t.channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    seenAhead.add(((DatagramPacket) msg).sender());
                    ctx.fireChannelRead(msg);
                }
            });
            t.fromServer(channelData(0x4000, "ice check", 0));
            assertThat(seenAhead).containsExactly(SERVER, PEER);
            DatagramPacket in = t.channel.readInbound();
            assertThat(text(in)).isEqualTo("ice check");
        }
    }

    @Test
    void writesWithTheRelayedAddressAsSenderGoThroughTheRelayOthersPassUntouched() throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(false)) {
            InetSocketAddress unbound = new InetSocketAddress("127.0.0.3", 9);
            t.channel.writeOutbound(new DatagramPacket(utf8("via send"), unbound, RELAYED));
            DatagramPacket send = t.channel.readOutbound();
            assertThat(send.recipient()).isEqualTo(SERVER);
            StunMessage indication = StunCodec.decode(send.content());
            assertThat(indication.method()).isEqualTo(StunMethod.SEND);
            assertThat(indication.attribute(TurnAttribute.XorPeerAddress.class)).contains(
                    new TurnAttribute.XorPeerAddress(unbound));
            send.release();

            DatagramPacket direct = new DatagramPacket(utf8("direct"), STRANGER);
            t.channel.writeOutbound(direct);
            assertThat((Object) t.channel.readOutbound()).isSameAs(direct);
            direct.release();
        }
    }

    @Test
    void sendUsesChannelDataOnceBoundWithoutPadding() throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(true)) {
            t.turn.send(PEER, utf8("odd")).sync();
            DatagramPacket out = t.channel.readOutbound();
            assertThat(ByteBufUtil.hexDump(out.content())).isEqualTo("40000003" + ByteBufUtil.hexDump("odd".getBytes()));
            out.release();
        }
    }

    @Test
    void sendWithoutAnAllocationFailsTypedAndReleases() {
        try (EmbeddedTurn t = new EmbeddedTurn()) {
            ByteBuf data = utf8("x");
            Throwable cause = t.turn.send(PEER, data).awaitUninterruptibly().cause();
            assertThat(cause).isInstanceOf(TurnException.class);
            assertThat(((TurnException) cause).reason()).isEqualTo(TurnException.Reason.NOT_ALLOCATED);
            assertThat(data.refCnt()).isZero();
        }
    }

    @Test
    void closeSendsLifetimeZeroAndDetaches() throws Exception {
        try (EmbeddedTurn t = EmbeddedTurn.allocated(true)) {
            var closed = t.turn.closeAsync();
            DatagramPacket refresh = t.channel.readOutbound();
            StunMessage request = StunCodec.decode(refresh.content());
            refresh.release();
            assertThat(request.method()).isEqualTo(StunMethod.REFRESH);
            assertThat(request.attribute(TurnAttribute.Lifetime.class).orElseThrow().duration()).isZero();
            t.fromServer(StunCodec.encode(t.channel.alloc(), StunMessage.successResponse(request, List.of()),
                    StunProtection.FINGERPRINT));
            assertThat(closed).isDone();
            assertThat(t.events).last().isEqualTo(new TurnEvent.Released());
            assertThat(t.channel.pipeline().names()).noneMatch(n -> n.startsWith("turn") || n.startsWith("stun"));
        }
    }

    private static ByteBuf channelData(int channel, String text, int pad) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeShort(channel).writeShort(bytes.length).writeBytes(bytes).writeZero(pad);
    }

    private static ByteBuf utf8(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static String text(DatagramPacket p) {
        try {
            return p.content().toString(StandardCharsets.UTF_8);
        } finally {
            p.release();
        }
    }
}
