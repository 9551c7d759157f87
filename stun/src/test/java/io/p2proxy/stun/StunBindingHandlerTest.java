package io.p2proxy.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StunBindingHandlerTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50123);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 3478);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.2", 3479);

    private EmbeddedChannel channel = new EmbeddedChannel(new StunBindingHandler("p2proxy test", null));

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void bindingRequestGetsXorMappedAddressSoftwareAndFingerprint() throws Exception {
        StunMessage request = StunMessage.request(StunMethod.BINDING);
        StunMessage response = exchange(request);
        assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(response.transactionId()).isEqualTo(request.transactionId());
        assertThat(response.attributes()).hasSize(3).startsWith(new StunAttribute.XorMappedAddress(CLIENT),
                new StunAttribute.Software("p2proxy test"));
        assertThat(response.attributes().get(2)).isInstanceOf(StunAttribute.Fingerprint.class);
    }

    @Test
    void withAnOtherAddressItAddsResponseOriginAndOtherAddress() throws Exception {
        channel.finishAndReleaseAll();
        channel = new EmbeddedChannel(new StunBindingHandler("p2proxy test", OTHER));
        StunMessage response = exchange(StunMessage.request(StunMethod.BINDING));
        assertThat(response.attributes()).contains(new NatBehaviorAttribute.ResponseOrigin(SERVER),
                new NatBehaviorAttribute.OtherAddress(OTHER));
    }

    @Test
    void unknownComprehensionRequiredAttributesGet420ListingThem() throws Exception {
        StunMessage request = StunMessage.request(StunMethod.BINDING,
                new StunAttribute.Unknown(0x7777, new byte[] {1, 2}),
                new StunAttribute.Unknown(0x8777, new byte[] {3}), // optional: ignored
                new StunAttribute.Unknown(0x0042, new byte[0]));
        StunMessage response = exchange(request);
        assertThat(response.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(response.attribute(StunAttribute.ErrorCode.class)).get()
                .extracting(StunAttribute.ErrorCode::code).isEqualTo(420);
        assertThat(response.attribute(StunAttribute.UnknownAttributes.class)).contains(
                new StunAttribute.UnknownAttributes(List.of(0x7777, 0x0042)));
    }

    @Test
    void changeRequestItCannotHonourGets420() throws Exception {
        StunMessage response = exchange(StunMessage.request(StunMethod.BINDING,
                new NatBehaviorAttribute.ChangeRequest(false, true)));
        assertThat(response.attribute(StunAttribute.UnknownAttributes.class)).contains(
                new StunAttribute.UnknownAttributes(List.of(NatBehaviorAttribute.ChangeRequest.TYPE)));
        StunMessage plain = exchange(StunMessage.request(StunMethod.BINDING,
                new NatBehaviorAttribute.ChangeRequest(false, false)));
        assertThat(plain.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    @Test
    void nonStunDatagramsPassOnUntouched() {
        ByteBuf content = Unpooled.wrappedBuffer(new byte[] {(byte) 0xc0, 0, 0, 1, 2, 3});
        DatagramPacket packet = new DatagramPacket(content, SERVER, CLIENT);
        channel.writeInbound(packet);
        DatagramPacket passed = channel.readInbound();
        assertThat(passed).isSameAs(packet);
        assertThat(passed.content().readerIndex()).isZero();
        passed.release();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void malformedStunAndIndicationsAreDroppedSilently() {
        byte[] bytes = StunCodec.encodeToBytes(StunMessage.request(StunMethod.BINDING,
                new StunAttribute.Username("x")), StunProtection.NONE);
        bytes[23] = 40; // USERNAME length now overruns the message
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(bytes), SERVER, CLIENT));
        channel.writeInbound(new DatagramPacket(StunCodec.encode(channel.alloc(),
                StunMessage.indication(StunMethod.BINDING)), SERVER, CLIENT));
        assertThat((Object) channel.readInbound()).isNull();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void otherMethodsAndResponsesPassOn() {
        channel.writeInbound(new DatagramPacket(StunCodec.encode(channel.alloc(),
                StunMessage.request(StunMethod.ALLOCATE)), SERVER, CLIENT));
        DatagramPacket passed = channel.readInbound();
        assertThat(passed).isNotNull();
        passed.release();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void rfc3489ClientsGetMappedAddressWithTheirCookieEchoed() {
        byte[] request = Rfc5769Vectors.hex("0001 0008 0102030405060708090a0b0c0d0e0f10 0003 0004 00000000");
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(request), SERVER, CLIENT));
        DatagramPacket out = channel.readOutbound();
        try {
            ByteBuf c = out.content();
            assertThat(c.getUnsignedShort(0)).isEqualTo(0x0101);
            assertThat(c.getUnsignedShort(2)).isEqualTo(c.readableBytes() - 20);
            byte[] id = new byte[16];
            c.getBytes(4, id);
            assertThat(id).isEqualTo(java.util.Arrays.copyOfRange(request, 4, 20));
            assertThat(c.getUnsignedShort(20)).isEqualTo(0x0001); // MAPPED-ADDRESS
            assertThat(c.getUnsignedShort(26)).isEqualTo(CLIENT.getPort());
            assertThat(c.getInt(28)).isEqualTo(0x7f000001);
        } finally {
            out.release();
        }
    }

    private StunMessage exchange(StunMessage request) throws StunException {
        channel.writeInbound(new DatagramPacket(StunCodec.encode(channel.alloc(), request), SERVER, CLIENT));
        DatagramPacket out = channel.readOutbound();
        assertThat(out).as("a response").isNotNull();
        try {
            assertThat(out.recipient()).isEqualTo(CLIENT);
            return StunCodec.decode(out.content(), StunProtection.FINGERPRINT);
        } finally {
            out.release();
        }
    }
}
