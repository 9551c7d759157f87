package io.p2proxy.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenGateTest {

    final List<String> reads = new ArrayList<>();
    final EmbeddedChannel ch = new EmbeddedChannel();
    final OpenGate gate = new OpenGate(text("early"));

    OpenGateTest() {
        ch.config().setAutoRead(false);
        ch.pipeline().addLast(gate, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf b = (ByteBuf) msg;
                reads.add(b.toString(StandardCharsets.US_ASCII));
                b.release();
            }
        });
    }

    @Test
    void earlyBytesGoFirstAtTheSplicesFirstRead() {
        assertThat(reads).isEmpty();
        ch.read(); // the splice starts reading
        ch.writeInbound(text("later"));
        assertThat(reads).containsExactly("early", "later");
        ch.finishAndReleaseAll();
    }

    @Test
    void theSuccessReplyGoesOutBeforeWhatTheTargetSentMeanwhile() {
        ChannelFuture held = ch.writeAndFlush(text("from target"));
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(held.isDone()).isFalse();
        gate.opened(text("reply"));
        assertThat(outbound()).containsExactly("reply", "from target");
        assertThat(held.isSuccess()).isTrue();
        ch.read();
        assertThat(reads).containsExactly("early");
        assertThat(ch.pipeline().get(OpenGate.class)).as("left once replayed and answered").isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void aRefusalDropsWhatWasHeldAnswersAndThenCompletesTheHeldClose() {
        ChannelFuture held = ch.writeAndFlush(text("from target"));
        ChannelFuture close = ch.close(); // the transport resets a failed open before we answer
        assertThat(ch.isOpen()).isTrue();
        gate.refused(text("answer"));
        assertThat(outbound()).containsExactly("answer");
        assertThat(held.isSuccess()).isFalse();
        assertThat(ch.isOpen()).isFalse();
        assertThat(close.isSuccess()).isTrue();
        ch.finishAndReleaseAll();
    }

    private List<String> outbound() {
        List<String> out = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out;
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }
}
