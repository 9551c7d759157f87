package io.p2proxy.proxy.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;

/**
 * Untrusted client bytes into each protocol handler, cut into pieces by the input's first byte
 * (which is not sent: the corpus starts each input with it): the handler refuses or hands over,
 * never throws, hangs or leaks (the leak detector is paranoid in tests), and the parsers fail only
 * with their own exceptions.
 */
class ProxyFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void socksHandshakeNeverBreaks(byte[] input) {
        SocksDecoderCheck.run(sent(input));
        feed(new SocksHandler(new RecordingOpener(), "fuzz"), input);
    }

    /** The same with credentials configured: greeting, RFC 1929 sub-negotiation, then the request. */
    @FuzzTest(maxDuration = "2m")
    void socksAuthHandshakeNeverBreaks(byte[] input) {
        SocksDecoderCheck.run(sent(input));
        feed(new SocksHandler(new RecordingOpener(), "fuzz", SocksAuthHandlerTest.AUTH), input);
    }

    @FuzzTest(maxDuration = "2m")
    void httpHeadNeverBreaks(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(sent(input));
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

    /** What the client sends: the input without its first byte. */
    private static byte[] sent(byte[] input) {
        return input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
    }

    private static void feed(ChannelHandler handler, byte[] input) {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        int piece = input.length == 0 ? 1 : 1 + (input[0] & 0x3f);
        byte[] sent = sent(input);
        for (int at = 0; at < sent.length && ch.isOpen(); at += piece) {
            ch.writeInbound(Unpooled.copiedBuffer(sent, at, Math.min(piece, sent.length - at)));
        }
        ch.checkException();
        ch.finishAndReleaseAll();
    }

    /**
     * The decoder alone: a message, null, or a SocksException; never anything else. What follows
     * the greeting goes to the request parser, and again to the RFC 1929 parser then the request
     * (a client that pipelines its sub-negotiation).
     */
    private static final class SocksDecoderCheck {
        static void run(byte[] input) {
            ByteBuf in = Unpooled.wrappedBuffer(input);
            if (!parses(() -> SocksDecoder.greeting(in) != null)) {
                return;
            }
            ByteBuf noAuth = in.duplicate();
            parses(() -> SocksDecoder.request(noAuth) != null);
            ByteBuf withAuth = in.duplicate();
            parses(() -> SocksDecoder.auth(withAuth) != null && SocksDecoder.request(withAuth) != null);
        }

        private interface Step {
            boolean run() throws SocksException;
        }

        private static boolean parses(Step step) {
            try {
                return step.run();
            } catch (SocksException expected) {
                return false; // refused
            }
        }
    }
}
