package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.p2proxy.common.Identity;
import io.p2proxy.signal.SignalCodec;
import io.p2proxy.signal.SignalMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each misbehaving client gets its clear answer, and alice and bob are served throughout. */
class AbuseTest {

    private TwoPeers peers;

    @BeforeEach
    void start() throws Exception {
        // A bucket that barely refills, so the flood test can count exactly; 20 covers every other test.
        peers = new TwoPeers(ServerLimits.DEFAULTS.withLoginTimeout(Duration.ofSeconds(2)).withRate(0.001, 20));
    }

    @AfterEach
    void stop() throws Exception {
        peers.assertStillRouting();
        peers.close();
    }

    @Test
    void malformedJsonGetsAnErrorAndTheConnectionStays() throws Exception {
        try (RawWebSocket ws = new RawWebSocket(peers.server)) {
            ws.send("{\"type\": \"hello\", oops");
            assertThat(ws.next().get("code").asText()).isEqualTo("malformed");
            ws.send("[1,2]");
            JsonNode second = ws.next();
            assertThat(second.get("code").asText()).isEqualTo("malformed");
            assertThat(second.get("reason").asText()).contains("JSON object");
            assertThat(ws.closed).isNotDone();
        }
    }

    @Test
    void unknownMessageTypeGetsItsError() throws Exception {
        try (RawWebSocket ws = new RawWebSocket(peers.server)) {
            ws.send("{\"type\":\"teleport\",\"to\":\"bob\"}");
            JsonNode e = ws.next();
            assertThat(e.get("code").asText()).isEqualTo("unknown_type");
            assertThat(e.get("reason").asText()).contains("teleport");
        }
    }

    @Test
    void signalsBeforeLoginAreRefused() throws Exception {
        try (RawWebSocket ws = new RawWebSocket(peers.server)) {
            ws.send("{\"type\":\"signal\",\"to\":\"bob\",\"payload\":1}");
            assertThat(ws.next().get("code").asText()).isEqualTo("not_logged_in");
        }
        assertThat(peers.bobEvents.signals).isEmpty();
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedAndClosed() throws Exception {
        Identity claimed = Identity.generate();
        Identity signer = Identity.generate();
        try (RawWebSocket ws = new RawWebSocket(peers.server)) {
            ws.send(SignalCodec.encode(new SignalMessage.Hello("eve", claimed.publicKeyBase64(), TestServers.TOKEN, 1)));
            String nonce = ws.next().get("nonce").asText();
            byte[] forged = signer.sign(io.p2proxy.signal.LoginProof.bytes(nonce, "eve", claimed.publicKeyBase64()));
            ws.send(SignalCodec.encode(new SignalMessage.Prove(Base64.getEncoder().encodeToString(forged))));
            assertThat(ws.next().get("code").asText()).isEqualTo("bad_signature");
            assertThat(ws.awaitClosed()).isEqualTo(new RawWebSocket.Closed(1008, "bad_signature: signature does not match the key"));
        }
        assertThat(peers.server.status().peers()).hasSize(2);
    }

    @Test
    void anOversizedFrameClosesWith1009() throws Exception {
        try (RawWebSocket ws = new RawWebSocket(peers.server)) {
            ws.send("{\"type\":\"signal\",\"to\":\"bob\",\"payload\":\"" + "x".repeat(70_000) + "\"}");
            RawWebSocket.Closed closed = ws.awaitClosed();
            assertThat(closed.status()).isEqualTo(1009);
            assertThat(closed.reason()).contains("65536");
        }
    }

    @Test
    void aFloodIsRateLimitedThenClosed() throws Exception {
        try (RawWebSocket ws = new RawWebSocket(peers.server)) {
            // 20 pass (burst), the 21st is refused with an error, 19 more are dropped, the 41st closes.
            for (int i = 0; i < 41; i++) {
                ws.send("{\"type\":\"signal\",\"to\":\"bob\",\"payload\":" + i + "}");
            }
            for (int i = 0; i < 20; i++) {
                assertThat(ws.next().get("code").asText()).isEqualTo("not_logged_in");
            }
            JsonNode refused = ws.next();
            assertThat(refused.get("code").asText()).isEqualTo("rate_limited");
            assertThat(refused.get("reason").asText()).contains("messages/s");
            assertThat(ws.awaitClosed()).isEqualTo(new RawWebSocket.Closed(1008, "rate limit exceeded"));
        }
    }

    @Test
    void garbageOnTheSocketClosesOnlyThatConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", peers.server.signalAddress().getPort())) {
            byte[] junk = new byte[4096];
            new Random(7).nextBytes(junk);
            try {
                OutputStream out = s.getOutputStream();
                out.write(junk);
                out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.net.SocketException reset) {
                // the server may drop us before we finish writing: that is the point
            }
            s.setSoTimeout(5000);
            // A 400, or a reset when the server closes on our unread junk (the kernel then discards the 400).
            String answer = new String(readAll(s.getInputStream()), StandardCharsets.US_ASCII);
            assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 400"));
        }
    }

    @Test
    void garbageAfterTheUpgradeClosesOnlyThatConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", peers.server.signalAddress().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /v1/signal HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {(byte) 0x81, 0x05, 'h', 'e', 'l', 'l', 'o'}); // unmasked: forbidden from a client
            out.flush();
            s.setSoTimeout(5000);
            String answer = new String(readAll(s.getInputStream()), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void plainHttpGetsAClearAnswer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        {
            String base = "http://127.0.0.1:" + peers.server.signalAddress().getPort();
            HttpResponse<String> signal = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/signal")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signal.statusCode()).isEqualTo(400);
            assertThat(signal.body()).containsIgnoringCase("upgrade");
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.body()).contains("/v1/signal");
        }
    }

    @Test
    void aConnectionThatNeverLogsInIsClosedAfterTheLoginTimeout() throws Exception {
        try (RawWebSocket ws = new RawWebSocket(peers.server)) {
            assertThat(ws.next().get("code").asText()).isEqualTo("login_timeout");
            await().atMost(Duration.ofSeconds(5)).until(ws.closed::isDone);
        }
        try (Socket idle = new Socket("127.0.0.1", peers.server.signalAddress().getPort())) {
            idle.setSoTimeout(5000);
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
        }
    }

    /** Everything until EOF or a reset. */
    private static byte[] readAll(InputStream in) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the end we expect from a server that drops garbage
        }
        return out.toByteArray();
    }

}
