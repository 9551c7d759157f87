package io.p2proxy.turn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.stun.TurnAttribute;
import io.p2proxy.turn.ChannelData;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A stream of STUN messages and padded ChannelData (RFC 8656 §12.5) decodes into the same
 * messages however TCP splits or coalesces it: every message whole, in order, padding included.
 */
class TurnStreamDecoderPropertiesTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("198.18.0.7", 40000);

    @Property(tries = 300)
    void messagesSurviveAnySplitAndCoalescing(@ForAll("streams") List<byte[]> messages,
            @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 300) Integer> cuts) {
        byte[] stream = concat(messages);
        EmbeddedChannel channel = new EmbeddedChannel(new TurnStreamDecoder());
        int at = 0;
        int cut = 0;
        while (at < stream.length) {
            int n = cuts.isEmpty() ? stream.length : Math.min(cuts.get(cut++ % cuts.size()), stream.length - at);
            channel.writeInbound(Unpooled.copiedBuffer(stream, at, n));
            at += n;
        }
        List<byte[]> decoded = new ArrayList<>();
        ByteBuf frame;
        while ((frame = channel.readInbound()) != null) {
            decoded.add(ByteBufUtil.getBytes(frame));
            frame.release();
        }
        assertThat(decoded).usingElementComparator(Arrays::compare).containsExactlyElementsOf(messages);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Property(tries = 200)
    void aPartialMessageWaitsForTheRest(@ForAll("message") byte[] message, @ForAll @IntRange(min = 0, max = 100) int keep) {
        int sent = Math.min(keep, message.length - 1);
        EmbeddedChannel channel = new EmbeddedChannel(new TurnStreamDecoder());
        channel.writeInbound(Unpooled.copiedBuffer(message, 0, sent));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(Unpooled.copiedBuffer(message, sent, message.length - sent));
        ByteBuf frame = channel.readInbound();
        assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(message);
        frame.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Example
    void aFirstByteThatIsNeitherStunNorChannelDataClosesTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new TurnStreamDecoder());
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x50, 0, 0, 4, 1, 2, 3, 4}));
            channel.checkException();
            throw new AssertionError("expected a DecoderException");
        } catch (DecoderException expected) {
            assertThat(expected).hasMessageContaining("0x50");
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Provide
    Arbitrary<List<byte[]>> streams() {
        return message().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<byte[]> message() {
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> channelData = Arbitraries.integers().between(ChannelData.MIN_CHANNEL, ChannelData.MAX_CHANNEL)
                .flatMap(n -> data.map(d -> encode(ChannelData.encode(PooledByteBufAllocator.DEFAULT, n,
                        Unpooled.wrappedBuffer(d), true))));
        Arbitrary<byte[]> stun = data.map(d -> encode(StunCodec.encode(PooledByteBufAllocator.DEFAULT,
                StunMessage.indication(StunMethod.DATA, new TurnAttribute.XorPeerAddress(PEER), new TurnAttribute.Data(d)),
                StunProtection.FINGERPRINT)));
        return Arbitraries.oneOf(channelData, stun);
    }

    private static byte[] encode(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        int total = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
