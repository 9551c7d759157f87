package io.p2proxy.proxy.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Untrusted client bytes into each protocol handler, cut into pieces by the input's first byte:
 * the handler refuses or hands over, never throws, hangs or leaks (the leak detector is paranoid in
 * tests), and the parsers fail only with their own exceptions.
 */
class ProxyFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void socksHandshakeNeverBreaks(byte[] input) {
        SocksDecoderCheck.run(input);
        feed(new SocksHandler(new RecordingOpener(), "fuzz"), input);
    }

    @FuzzTest(maxDuration = "2m")
    void httpHeadNeverBreaks(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            HttpHead head = HttpHeadParser.parse(in);
            if (head != null) {
                HttpRoute.of(head);
            }
        } catch (HttpHeadException | RefusedException expected) {
            // a clear answer
        }
        feed(new HttpProxyHandler(new RecordingOpener(), "fuzz"), input);
    }

    private static void feed(ChannelHandler handler, byte[] input) {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        int piece = input.length == 0 ? 1 : 1 + (input[0] & 0x3f);
        for (int at = 0; at < input.length && ch.isOpen(); at += piece) {
            ch.writeInbound(Unpooled.copiedBuffer(input, at, Math.min(piece, input.length - at)));
        }
        ch.checkException();
        ch.finishAndReleaseAll();
    }

    /** The decoder alone: a message, null, or a SocksException; never anything else. */
    private static final class SocksDecoderCheck {
        static void run(byte[] input) {
            ByteBuf in = Unpooled.wrappedBuffer(input);
            try {
                if (SocksDecoder.greeting(in) != null) {
                    SocksDecoder.request(in);
                }
            } catch (SocksException expected) {
                // refused
            }
        }
    }
}
