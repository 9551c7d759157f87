package io.p2proxy.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.p2proxy.common.ResourceAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpProxyHandlerTest {

    final RecordingOpener opener = new RecordingOpener();
    final EmbeddedChannel ch = new EmbeddedChannel(new HttpProxyHandler(opener, "test"));

    @Test
    void anAbsoluteFormRequestInPiecesIsRewrittenAndItsBodyFollows() {
        String request = "POST http://web.garage.p2p/a/b?c=d HTTP/1.1\r\nHost: web.garage.p2p\r\n"
                + "Proxy-Connection: keep-alive\r\nConnection: keep-alive\r\nContent-Length: 4\r\n\r\nbody";
        for (int i = 0; i < request.length(); i += 7) {
            ch.writeInbound(Unpooled.copiedBuffer(request.substring(i, Math.min(request.length(), i + 7)), StandardCharsets.US_ASCII));
        }
        assertThat(opener.calls).singleElement().satisfies(c -> {
            assertThat(c.to()).isEqualTo(new ResourceAddress("garage", "web"));
            assertThat(c.early()).isEqualTo("POST /a/b?c=d HTTP/1.1\r\nHost: web.garage.p2p\r\nContent-Length: 4\r\n"
                    + "Connection: close\r\n\r\nbody");
            assertThat(c.replies()).isSameAs(HttpReplies.FORWARD);
        });
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void connectKeepsTheBytesBehindTheHeadAndAnswersAfterTheOpen() {
        ch.writeInbound(Unpooled.copiedBuffer("CONNECT web.garage.p2p:443 HTTP/1.1\r\n\r\n\u0016\u0003\u0001", StandardCharsets.ISO_8859_1));
        assertThat(opener.calls).singleElement().satisfies(c -> {
            assertThat(c.early()).isEqualTo("\u0016\u0003\u0001");
            assertThat(c.replies()).isSameAs(HttpReplies.CONNECT);
        });
        ByteBuf ok = HttpReplies.CONNECT.opened(ch.alloc());
        assertThat(ok.toString(StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 Connection established\r\n\r\n");
        ok.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void anUpgradeRequestKeepsItsConnectionField() {
        ch.writeInbound(Unpooled.copiedBuffer("GET /ws HTTP/1.1\r\nHost: web.garage.p2p\r\nConnection: Upgrade\r\n"
                + "Upgrade: websocket\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(opener.calls.get(0).early()).contains("Connection: Upgrade").doesNotContain("close");
        ch.finishAndReleaseAll();
    }

    @Test
    void aRefusalIsARealAnswerAndTheConnectionCloses() {
        ch.writeInbound(Unpooled.copiedBuffer("GET http://example.com/ HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII));
        ByteBuf answer = ch.readOutbound();
        assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 403 Forbidden\r\n")
                .endsWith("\r\n\r\nnot a *.p2p name: 'example.com'\n");
        answer.release();
        assertThat(ch.isOpen()).isFalse();
        assertThat(opener.calls).isEmpty();
        ch.finishAndReleaseAll();
    }
}
