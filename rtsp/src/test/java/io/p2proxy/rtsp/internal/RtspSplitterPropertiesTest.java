package io.p2proxy.rtsp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the cuts (one byte at a time, or many units in one piece), the splitter finds the same
 * messages, and the bytes it passes on (messages re-encoded, interleaved data as slices) are the
 * bytes it was given.
 */
class RtspSplitterPropertiesTest {

    @Property(tries = 300)
    void sameUnitsAndBytesWhereverTheStreamIsCut(@ForAll("units") List<Object> units,
            @ForAll("cuts") List<Integer> cuts, @ForAll boolean yieldAtBoundaries) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<RtspMessage> expected = new ArrayList<>();
        for (Object u : units) {
            if (u instanceof RtspMessage m) {
                expected.add(m);
                wire.writeBytes(m.encode());
            } else {
                wire.writeBytes((byte[]) u);
            }
        }
        byte[] all = wire.toByteArray();
        RtspSplitter splitter = new RtspSplitter();
        Recording out = new Recording();
        int at = 0;
        int i = 0;
        while (at < all.length) {
            int n = Math.min(all.length - at, cuts.isEmpty() ? all.length : cuts.get(i++ % cuts.size()));
            ByteBuf piece = Unpooled.copiedBuffer(all, at, n);
            while (piece.isReadable()) {
                splitter.feed(piece, out, yieldAtBoundaries);
            }
            piece.release();
            at += n;
        }
        assertThat(splitter.atBoundary()).isTrue();
        assertThat(out.messages).isEqualTo(expected);
        assertThat(out.bytes.toByteArray()).isEqualTo(all);
    }

    @Provide
    Arbitrary<List<Object>> units() {
        Arbitrary<Object> frame = Arbitraries.bytes().array(byte[].class).ofMaxSize(700).flatMap(data ->
                Arbitraries.integers().between(0, 255).map(channel -> interleaved(channel, data)));
        Arbitrary<Object> message = Combinators.combine(
                Arbitraries.of("OPTIONS", "DESCRIBE", "SETUP", "PLAY", "RESPONSE"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
                Arbitraries.integers().between(0, 3),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).as(RtspSplitterPropertiesTest::message);
        return Arbitraries.oneOf(frame, message, Arbitraries.of((Object) "\r\n".getBytes(StandardCharsets.US_ASCII)))
                .list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 2000).list().ofMaxSize(8);
    }

    private static byte[] interleaved(int channel, byte[] data) {
        byte[] f = new byte[4 + data.length];
        f[0] = '$';
        f[1] = (byte) channel;
        f[2] = (byte) (data.length >> 8);
        f[3] = (byte) data.length;
        System.arraycopy(data, 0, f, 4, data.length);
        return f;
    }

    private static RtspMessage message(String method, String word, int extra, byte[] body) {
        String start = method.equals("RESPONSE") ? "RTSP/1.0 200 OK" : method + " rtsp://h:8554/garage/" + word + " RTSP/1.0";
        List<RtspMessage.Header> headers = new ArrayList<>();
        headers.add(new RtspMessage.Header("CSeq", Integer.toString(word.length())));
        for (int i = 0; i < extra; i++) {
            headers.add(new RtspMessage.Header("X-" + word, word + " " + i));
        }
        if (body.length > 0) {
            headers.add(new RtspMessage.Header("Content-Length", Integer.toString(body.length)));
        }
        return new RtspMessage(start, headers, body);
    }

    static final class Recording implements RtspSplitter.Sink {
        final List<RtspMessage> messages = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void message(RtspMessage m) {
            messages.add(m);
            bytes.writeBytes(m.encode());
        }

        @Override
        public void raw(ByteBuf slice) {
            byte[] b = new byte[slice.readableBytes()];
            slice.readBytes(b);
            slice.release();
            bytes.writeBytes(b);
        }
    }
}
