package io.p2proxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.testkit.RecordingLog;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of SPEC.md's "What a client sees when something is wrong" for SOCKS5 and HTTP: the
 * reply code or status, then a clean close (not a reset), and one log line naming the client, what
 * it asked for and why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorTableTest {

    ProxyPeers peers;

    @BeforeAll
    void start() throws Exception {
        peers = new ProxyPeers();
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    @ParameterizedTest(name = "SOCKS5 {0} -> {1}")
    @CsvSource({
        "web.nosuch.p2p, 4, unknown peer or peer offline",
        "nosuch.garage.p2p, 2, resource unknown or not allowed",
        "secret.garage.p2p, 2, resource unknown or not allowed",
        "closed.garage.p2p, 5, refused",
        "example.com, 2, not a *.p2p name",
        "127.0.0.1, 2, raw IP address",
        "web.garage.p2p.example, 2, not a *.p2p name",
        "a.b.garage.p2p, 2, bad name",
    })
    void socksRefusesWithTheTablesReplyAndCloses(String host, int code, String reason) throws Exception {
        assertSocks(Clients.socksConnect(host, 80, new byte[0]), code, reason);
    }

    @ParameterizedTest(name = "SOCKS5 command {0} atyp {1} -> {3}")
    @CsvSource({
        "1, 1, 7f000001, 2, raw IP address",
        "1, 4, 00000000000000000000000000000001, 2, raw IP address",
        "2, 3, web.garage.p2p, 7, only CONNECT",
        "3, 3, web.garage.p2p, 7, only CONNECT",
    })
    void socksRefusesRawAddressesAndOtherCommands(int command, int atyp, String address, int code, String reason)
            throws Exception {
        byte[] a = atyp == 3 ? address.getBytes(StandardCharsets.US_ASCII) : java.util.HexFormat.of().parseHex(address);
        assertSocks(Clients.socks(command, atyp, a, 80, new byte[0]), code, reason);
    }

    private void assertSocks(byte[] request, int code, String reason) throws Exception {
        try (RecordingLog log = new RecordingLog("io.p2proxy.proxy"); Socket s = Clients.connect(peers.socks.localAddress())) {
            s.getOutputStream().write(request);
            InputStream in = s.getInputStream();
            assertThat(Clients.socksReply(in)).isEqualTo(code);
            assertThat(in.read()).as("a clean close after the reply").isEqualTo(-1);
            assertOneLine(log, s, reason);
        }
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "GET http://web.nosuch.p2p/ HTTP/1.1\\r\\nHost: web.nosuch.p2p\\r\\n\\r\\n| 502| unknown peer or peer offline",
        "GET http://nosuch.garage.p2p/ HTTP/1.1\\r\\nHost: nosuch.garage.p2p\\r\\n\\r\\n| 403| resource unknown or not allowed",
        "GET http://secret.garage.p2p/ HTTP/1.1\\r\\nHost: secret.garage.p2p\\r\\n\\r\\n| 403| resource unknown or not allowed",
        "GET http://closed.garage.p2p/ HTTP/1.1\\r\\nHost: closed.garage.p2p\\r\\n\\r\\n| 502| refused",
        "CONNECT web.nosuch.p2p:443 HTTP/1.1\\r\\nHost: web.nosuch.p2p:443\\r\\n\\r\\n| 502| unknown peer or peer offline",
        "CONNECT closed.garage.p2p:443 HTTP/1.1\\r\\n\\r\\n| 502| refused",
        "GET http://example.com/ HTTP/1.1\\r\\nHost: example.com\\r\\n\\r\\n| 403| not a *.p2p name",
        "GET http://127.0.0.1:8080/ HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n| 403| raw IP address",
        "CONNECT [::1]:443 HTTP/1.1\\r\\n\\r\\n| 403| raw IP address",
        "GET / HTTP/1.1\\r\\nHost: example.com\\r\\n\\r\\n| 403| not a *.p2p name",
        "GET / HTTP/1.1\\r\\n\\r\\n| 400| no Host field",
        "GET https://web.garage.p2p/ HTTP/1.1\\r\\n\\r\\n| 400| use CONNECT",
        "hello\\r\\n\\r\\n| 400| malformed request line",
    })
    void httpRefusesWithARealAnswerAndCloses(String request, int status, String reason) throws Exception {
        assertHttp(request.replace("\\r\\n", "\r\n"), status, reason);
    }

    @ParameterizedTest(name = "HTTP limit -> {0}")
    @CsvSource({"414, request line over", "431, header field line over", "431, request head over"})
    void httpRefusesHeadsOverTheLimits(int status, String reason) throws Exception {
        String request = switch (reason) {
            case "request line over" -> "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n";
            case "header field line over" -> "GET / HTTP/1.1\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n";
            default -> "GET / HTTP/1.1\r\n" + "X-Many: 0123456789012345678901234567890123456789\r\n".repeat(400) + "\r\n";
        };
        assertHttp(request, status, reason);
    }

    private void assertHttp(String request, int status, String reason) throws Exception {
        try (RecordingLog log = new RecordingLog("io.p2proxy.proxy"); Socket s = Clients.connect(peers.http.localAddress())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 " + status + " ").contains("Connection: close").contains(reason);
            assertOneLine(log, s, reason);
        }
    }

    private static void assertOneLine(RecordingLog log, Socket s, String reason) {
        String client = "127.0.0.1:" + s.getLocalPort();
        await().atMost(Duration.ofSeconds(5)).until(() -> !log.linesWith(client).isEmpty());
        assertThat(log.linesWith(client)).singleElement().asString().contains(reason);
    }
}
