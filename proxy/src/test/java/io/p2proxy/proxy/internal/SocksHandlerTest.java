package io.p2proxy.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.p2proxy.common.ResourceAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SocksHandlerTest {

    final RecordingOpener opener = new RecordingOpener();
    final EmbeddedChannel ch = new EmbeddedChannel(new SocksHandler(opener, "test"));

    @Test
    void aRequestArrivingByteByByteIsHandedOverWithTheBytesReadBehindIt() {
        byte[] request = request(3, "Web.Garage.P2P", "hello");
        int last = request.length - "hello".length() - 1; // the port's last byte comes with "hello"
        for (int i = 0; i < last; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {request[i]}));
        }
        ch.writeInbound(Unpooled.wrappedBuffer(request, last, request.length - last));
        assertThat(readAll()).containsExactly(5, 0);
        assertThat(opener.calls).singleElement().satisfies(c -> {
            assertThat(c.to()).isEqualTo(new ResourceAddress("garage", "web"));
            assertThat(c.early()).isEqualTo("hello");
            assertThat(c.replies()).isSameAs(SocksReplies.INSTANCE);
        });
        assertThat(ch.pipeline().get(SocksHandler.class)).as("left the pipeline").isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aClientOfferingOnlyUsernamePasswordGetsNoAcceptableMethod() {
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {5, 1, 2}));
        assertThat(readAll()).containsExactly(5, 0xff);
        assertThat(ch.isOpen()).isFalse();
        assertThat(opener.calls).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void anUnknownAddressTypeGetsReply8() {
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {5, 1, 0, 5, 1, 0, 9, 0, 0}));
        assertThat(readAll()).containsExactly(5, 0, 5, 8, 0, 1, 0, 0, 0, 0, 0, 0);
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void somethingThatIsNotSocks5IsClosedWithoutAReply() {
        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n", StandardCharsets.US_ASCII));
        assertThat(readAll()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    static byte[] request(int atyp, String host, String behind) {
        byte[] h = host.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf b = Unpooled.buffer().writeBytes(new byte[] {5, 1, 0, 5, 1, 0, (byte) atyp, (byte) h.length})
                .writeBytes(h).writeShort(80).writeBytes(behind.getBytes(StandardCharsets.ISO_8859_1));
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out).release();
        return out;
    }

    private int[] readAll() {
        return readAll(ch);
    }

    /** Every byte written to the client so far. */
    static int[] readAll(EmbeddedChannel ch) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        int[] out = new int[all.readableBytes()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.readUnsignedByte();
        }
        all.release();
        return out;
    }
}
