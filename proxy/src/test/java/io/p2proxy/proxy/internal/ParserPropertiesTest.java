package io.p2proxy.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.p2proxy.common.ResourceAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The parsers are incremental: a prefix asks for more and consumes nothing; the whole parses the same however it was cut. */
class ParserPropertiesTest {

    @Property
    void aResourceNameParsesInAnyCase(@ForAll("names") String resource, @ForAll("names") String peer,
            @ForAll boolean upper, @ForAll boolean trailingDot) throws Exception {
        String host = resource + "." + peer + ".p2p" + (trailingDot ? "." : "");
        assertThat(P2pNames.parse(upper ? host.toUpperCase(Locale.ROOT) : host)).isEqualTo(new ResourceAddress(peer, resource));
    }

    @Property
    void ipv4LiteralsAreNeverResources(@ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 255) int b) {
        assertThatThrownBy(() -> P2pNames.parse(a + ".0." + b + ".1")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("raw IP address");
    }

    @Property
    void aSocksRequestParsesTheSameWhereverItIsCut(@ForAll("names") String resource, @ForAll @IntRange(max = 65535) int port,
            @ForAll @IntRange(min = 0, max = 40) int cut) throws Exception {
        byte[] all = SocksHandlerTest.request(3, resource + ".garage.p2p", "");
        byte[] request = java.util.Arrays.copyOfRange(all, 3, all.length); // without the greeting
        request[request.length - 2] = (byte) (port >> 8);
        request[request.length - 1] = (byte) port;
        ByteBuf in = Unpooled.wrappedBuffer(request, 0, Math.min(cut, request.length));
        if (cut < request.length) {
            assertThat(SocksDecoder.request(in)).isNull();
            assertThat(in.readerIndex()).isZero();
        }
        in = Unpooled.wrappedBuffer(request);
        assertThat(SocksDecoder.request(in)).isEqualTo(new SocksMessage.Request(1, 3, resource + ".garage.p2p", port));
        assertThat(in.isReadable()).isFalse();
    }

    @Property
    void aUsernamePasswordMessageParsesTheSameWhereverItIsCutAndLeavesThePipelinedRequest(
            @ForAll("secrets") byte[] username, @ForAll("secrets") byte[] password, @ForAll boolean emptyPassword,
            @ForAll @IntRange(max = 600) int cut) throws Exception {
        byte[] pass = emptyPassword ? new byte[0] : password;
        byte[] request = SocksHandlerTest.request(3, "web.garage.p2p", "");
        ByteBuf all = Unpooled.buffer().writeByte(1).writeByte(username.length).writeBytes(username)
                .writeByte(pass.length).writeBytes(pass);
        int length = all.readableBytes();
        all.writeBytes(request, 3, request.length - 3);
        if (cut < length) {
            ByteBuf prefix = all.slice(0, cut);
            assertThat(SocksDecoder.auth(prefix)).isNull();
            assertThat(prefix.readerIndex()).isZero();
        }
        SocksMessage.Auth auth = SocksDecoder.auth(all);
        assertThat(auth.username().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(username);
        assertThat(auth.password().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(pass);
        assertThat(SocksDecoder.request(all)).isEqualTo(new SocksMessage.Request(1, 3, "web.garage.p2p", 80));
        assertThat(all.isReadable()).isFalse();
        all.release();
    }

    @Property
    void theAuthenticatedHandshakeOpensTheSameHoweverItIsCut(@ForAll("cuts") List<Integer> cuts) {
        byte[] all = SocksAuthHandlerTest.handshake(2, "alice", "pässword", "hello");
        int last = all.length - "hello".length() - 1; // the port's last byte comes with "hello"
        RecordingOpener opener = new RecordingOpener();
        EmbeddedChannel ch = new EmbeddedChannel(new SocksHandler(opener, "test", SocksAuthHandlerTest.AUTH));
        int at = 0;
        for (int cut : cuts.stream().sorted().toList()) {
            int to = Math.min(cut, last);
            ch.writeInbound(Unpooled.wrappedBuffer(all, at, Math.max(0, to - at)));
            at = Math.max(at, to);
        }
        ch.writeInbound(Unpooled.wrappedBuffer(all, at, all.length - at));
        assertThat(SocksHandlerTest.readAll(ch)).containsExactly(SocksAuthHandlerTest.SUCCESS);
        assertThat(opener.calls).singleElement().extracting(RecordingOpener.Call::early).isEqualTo("hello");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Property
    void aRequestHeadParsesTheSameWhereverItIsCut(@ForAll("fields") List<String> values, @ForAll @IntRange(max = 2000) int cut)
            throws Exception {
        StringBuilder b = new StringBuilder("GET /x HTTP/1.1\r\n");
        for (int i = 0; i < values.size(); i++) {
            b.append("X-F").append(i).append(": ").append(values.get(i)).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        byte[] head = b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (cut < head.length) {
            ByteBuf prefix = Unpooled.wrappedBuffer(head, 0, cut);
            assertThat(HttpHeadParser.parse(prefix)).isNull();
            assertThat(prefix.readerIndex()).isZero();
        }
        ByteBuf whole = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(head), Unpooled.copiedBuffer("tail", StandardCharsets.US_ASCII));
        HttpHead parsed = HttpHeadParser.parse(whole);
        assertThat(parsed.length()).isEqualTo(head.length);
        assertThat(parsed.fields()).extracting(HttpHead.Field::value).containsExactlyElementsOf(values);
        assertThat(whole.toString(StandardCharsets.US_ASCII)).isEqualTo("tail");
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(63)
                .filter(io.p2proxy.common.PeerName::isValid);
    }

    @Provide
    Arbitrary<byte[]> secrets() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(255);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 60).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> fields() {
        return Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40).list().ofMaxSize(20);
    }
}
