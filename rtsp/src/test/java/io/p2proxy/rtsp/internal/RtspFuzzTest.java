package io.p2proxy.rtsp.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.p2proxy.common.ResourceAddress;

/**
 * Untrusted bytes, from a client or from a server, cut into pieces by the input's first byte: the
 * splitter returns units or an {@link RtspParseException}, never anything else, never hangs, never
 * leaks (the leak detector is paranoid in tests); whatever it finds survives routing and rewriting
 * both ways.
 */
class RtspFuzzTest {

    private static final RtspRoute ROUTE = new RtspRoute("rtsp://127.0.0.1:8554", new ResourceAddress("garage", "camera"));

    @FuzzTest(maxDuration = "30s")
    void splitterAndRewritersNeverBreak(byte[] input) {
        RtspSplitter splitter = new RtspSplitter();
        RtspSplitter.Sink sink = new RtspSplitter.Sink() {
            @Override
            public void message(RtspMessage m) {
                if (!m.isResponse()) {
                    try {
                        RtspRoute.parse(m.uri());
                    } catch (RtspRoute.RouteException expected) {
                        // a 400
                    }
                    String s = ROUTE.toServer(m.uri());
                    m = m.withUri(s == null ? m.uri() : s);
                    String t = m.header("Transport");
                    if (t != null) {
                        TransportSteering.interleavedOnly(t);
                    }
                }
                UriRewriter.rewrite(UriRewriter.rewrite(m, ROUTE::toServer), ROUTE::toClient).encode();
            }

            @Override
            public void raw(ByteBuf slice) {
                slice.release();
            }
        };
        int piece = input.length == 0 ? 1 : 1 + (input[0] & 0x3f);
        try {
            for (int at = 0; at < input.length; at += piece) {
                ByteBuf in = Unpooled.copiedBuffer(input, at, Math.min(piece, input.length - at));
                try {
                    while (in.isReadable()) {
                        splitter.feed(in, sink, (input[0] & 0x40) != 0);
                    }
                } finally {
                    in.release();
                }
            }
        } catch (RtspParseException expected) {
            // a 400 to a client, a reset for a server
        }
    }
}
