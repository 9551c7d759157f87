package io.p2proxy.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.p2proxy.common.ResourceAddress;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.testkit.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RFC 1929 sub-negotiation, byte by byte: however the client cuts or pipelines its messages. */
class SocksAuthHandlerTest {

    static final SocksAuth AUTH = new SocksAuth(new PeerConfig.Credentials("alice", "pässword"));
    /** 05 02: username/password chosen; 01 00: authenticated (the CONNECT reply is the opener's). */
    static final int[] SUCCESS = {5, 2, 1, 0};

    final RecordingOpener opener = new RecordingOpener();

    @Test
    void theWholeHandshakeInOneWriteIsHandedOverWithTheBytesBehindIt() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(handshake(2, "alice", "pässword", "hello")));
        assertOpened(ch);
    }

    @Test
    void theHandshakeCutAtEveryByteGivesTheSameResult() {
        byte[] all = handshake(2, "alice", "pässword", "hello");
        int last = all.length - "hello".length() - 1; // the port's last byte comes with "hello"
        for (int cut = 0; cut <= last; cut++) {
            opener.calls.clear();
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(all, 0, cut)));
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(all, cut, all.length)));
            assertOpened(ch);
        }
    }

    @Test
    void theHandshakeByteByByteGivesTheSameResult() {
        byte[] all = handshake(2, "alice", "pässword", "hello");
        int last = all.length - "hello".length() - 1;
        EmbeddedChannel ch = channel();
        for (int i = 0; i < last; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {all[i]}));
        }
        ch.writeInbound(Unpooled.wrappedBuffer(all, last, all.length - last));
        assertOpened(ch);
    }

    @Test
    void aWrongPasswordGetsStatus1AndACloseAndOneLogLineWithoutIt() {
        try (RecordingLog log = new RecordingLog("io.p2proxy.proxy")) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(handshake(2, "alice", "guess-123", "hello")));
            assertThat(SocksHandlerTest.readAll(ch)).containsExactly(5, 2, 1, 1);
            assertRefused(ch);
            assertThat(log.linesWith("authentication failed")).singleElement().asString()
                    .contains("embedded", "'alice'").doesNotContain("guess-123");
        }
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"alicf, pässword", "alice, ''", "alice, pässwor", "alice, pässword2", "Alice, pässword"})
    void anyOtherUsernameOrPasswordFails(String username, String password) {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(handshake(2, username, password, "")));
        assertThat(SocksHandlerTest.readAll(ch)).containsExactly(5, 2, 1, 1);
        assertRefused(ch);
    }

    @Test
    void aClientOfferingOnlyNoAuthenticationGetsNoAcceptableMethod() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(SocksHandlerTest.request(3, "web.garage.p2p", "")));
        assertThat(SocksHandlerTest.readAll(ch)).containsExactly(5, 0xff);
        assertRefused(ch);
    }

    @Test
    void aClientOfferingBothMethodsMustAuthenticate() {
        EmbeddedChannel ch = channel();
        byte[] all = handshake(2, "alice", "pässword", "hello");
        byte[] both = new byte[all.length + 1];
        both[0] = 5;
        both[1] = 2;
        both[2] = 0;
        System.arraycopy(all, 2, both, 3, all.length - 2);
        ch.writeInbound(Unpooled.wrappedBuffer(both));
        assertOpened(ch);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "050102 05 05616c696365 0178, version 5 (expected: 1)",
        "050102 01 00 0178, an empty user name",
    })
    void aMalformedSubNegotiationIsClosedWithoutAStatus(String hex, String reason) {
        try (RecordingLog log = new RecordingLog("io.p2proxy.proxy")) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", ""))));
            assertThat(SocksHandlerTest.readAll(ch)).containsExactly(5, 2);
            assertRefused(ch);
            assertThat(log.linesWith(reason)).hasSize(1);
        }
    }

    @Test
    void aClientEndingInTheMiddleOfItsPasswordIsClosed() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {5, 1, 2, 1, 5, 'a', 'l', 'i', 'c', 'e', 8, 'p'}));
        assertThat(SocksHandlerTest.readAll(ch)).containsExactly(5, 2);
        assertThat(ch.isOpen()).as("still waiting for the rest").isTrue();
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertRefused(ch);
    }

    @Test
    void neitherTheMessageNorTheConfiguredAuthShowsThePassword() {
        assertThat(new SocksMessage.Auth("alice", "hunter2").toString()).contains("alice").doesNotContain("hunter2");
        assertThat(AUTH.toString()).contains("alice").doesNotContain("pässword");
    }

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new SocksHandler(opener, "test", AUTH));
    }

    private void assertOpened(EmbeddedChannel ch) {
        assertThat(SocksHandlerTest.readAll(ch)).containsExactly(SUCCESS);
        assertThat(opener.calls).singleElement().satisfies(c -> {
            assertThat(c.to()).isEqualTo(new ResourceAddress("garage", "web"));
            assertThat(c.early()).isEqualTo("hello");
        });
        assertThat(ch.pipeline().get(SocksHandler.class)).as("left the pipeline").isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    private void assertRefused(EmbeddedChannel ch) {
        assertThat(ch.isOpen()).isFalse();
        assertThat(opener.calls).isEmpty();
        ch.finishAndReleaseAll();
    }

    /** Greeting offering {@code method}, the RFC 1929 message, a CONNECT for web.garage.p2p:80, then {@code behind}. */
    static byte[] handshake(int method, String username, String password, String behind) {
        byte[] u = username.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {5, 1, (byte) method, 1, (byte) u.length});
        b.writeBytes(u);
        b.write(p.length);
        b.writeBytes(p);
        byte[] request = SocksHandlerTest.request(3, "web.garage.p2p", behind);
        b.write(request, 3, request.length - 3); // without its greeting
        return b.toByteArray();
    }
}
