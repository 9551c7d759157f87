package io.p2proxy.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeepaliveHandlerTest {

    private final List<Object> events = new ArrayList<>();

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(new KeepaliveHandler(Duration.ofSeconds(15)), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
        return ch;
    }

    private static void advance(EmbeddedChannel ch, long seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void pingsAfterOneSilentIntervalAndDeclaresDeathAfterTwo() {
        EmbeddedChannel ch = channel();
        advance(ch, 14);
        assertThat((Object) ch.readOutbound()).isNull();
        advance(ch, 1);
        PingWebSocketFrame ping = ch.readOutbound();
        assertThat(ping).isNotNull();
        ping.release();
        assertThat(ch.isOpen()).isTrue();
        advance(ch, 15);
        assertThat(events).contains(KeepaliveHandler.DEAD);
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anyTrafficKeepsTheConnectionAlive() {
        EmbeddedChannel ch = channel();
        for (int i = 0; i < 10; i++) {
            advance(ch, 15);
            PingWebSocketFrame ping = ch.readOutbound();
            assertThat(ping).isNotNull();
            ping.release();
            advance(ch, 1);
            ch.writeInbound(new PongWebSocketFrame()); // the answer counts as traffic
            PongWebSocketFrame pong = ch.readInbound();
            pong.release();
        }
        assertThat(events).doesNotContain(KeepaliveHandler.DEAD);
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }
}
