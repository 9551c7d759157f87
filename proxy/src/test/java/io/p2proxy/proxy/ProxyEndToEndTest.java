package io.p2proxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.testkit.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real curl and hand-made clients through the listeners (SOCKS5 without and with credentials,
 * HTTP), two peers on real ICE and QUIC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyEndToEndTest {

    ProxyPeers peers;

    @BeforeAll
    void start() throws Exception {
        peers = new ProxyPeers();
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    @Test
    void curlThroughSocks5HostnameFetchesThePage() throws Exception {
        Curl.Result r = Curl.run("--socks5-hostname", peers.socksAddress(), "http://web.garage.p2p/");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("hello from garage: GET / host=web.garage.p2p");
    }

    @Test
    void curlWithAnHttpProxyGetsAnAbsoluteFormRequestRewrittenToOriginForm() throws Exception {
        Curl.Result r = Curl.run("-x", "http://" + peers.httpAddress(), "http://web.garage.p2p/x?y=1");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("hello from garage: GET /x?y=1 host=web.garage.p2p");
    }

    @Test
    void curlThroughAConnectTunnelFetchesThePage() throws Exception {
        Curl.Result r = Curl.run("-p", "-x", "http://" + peers.httpAddress(), "http://Web.Garage.P2P/tunnel");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("hello from garage: GET /tunnel");
    }

    @Test
    void aConnectTunnelCarriesBytesIntactIncludingThoseSentRightBehindTheRequest() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(5).nextBytes(data);
        try (Socket s = Clients.connect(peers.http.localAddress())) {
            OutputStream out = s.getOutputStream();
            out.write("CONNECT echo.garage.p2p:7 HTTP/1.1\r\nHost: echo.garage.p2p:7\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(data, 0, 1000); // pipelined: before the 200
            assertThat(Clients.head(s.getInputStream())).startsWith("HTTP/1.1 200 ");
            Thread writer = new Thread(() -> {
                try {
                    out.write(data, 1000, data.length - 1000);
                    s.shutdownOutput();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            byte[] back = s.getInputStream().readAllBytes();
            writer.join();
            assertThat(sha256(back)).isEqualTo(sha256(data));
        }
    }

    @Test
    void aHostFieldRoutesAnOriginFormRequestAndTheClientsFinTravels() throws Exception {
        try (Socket s = Clients.connect(peers.http.localAddress())) {
            s.getOutputStream().write("GET /h HTTP/1.1\r\nHost: web.garage.p2p\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput(); // the FIN waits in the kernel while the connection changes loops
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("hello from garage: GET /h host=web.garage.p2p");
        }
    }

    @Test
    void aRequestHeadInPiecesWithItsBodyBehindItArrivesWhole() throws Exception {
        String body = "x".repeat(5000);
        String request = "POST http://web.garage.p2p/post HTTP/1.1\r\nHost: web.garage.p2p\r\nProxy-Connection: keep-alive\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        try (Socket s = Clients.connect(peers.http.localAddress())) {
            OutputStream out = s.getOutputStream();
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            for (int at = 0; at < bytes.length; at += 700) {
                out.write(bytes, at, Math.min(700, bytes.length - at));
                out.flush();
            }
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("POST /post host=web.garage.p2p body=5000");
        }
    }

    @Test
    void socksBytesSentRightBehindTheRequestAreNotLost() throws Exception {
        byte[] payload = "pipelined, before any reply".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = Clients.connect(peers.socks.localAddress())) {
            s.getOutputStream().write(Clients.socksConnect("echo.garage.p2p", 7, payload));
            InputStream in = s.getInputStream();
            assertThat(Clients.socksReply(in)).isZero();
            assertThat(in.readNBytes(payload.length)).isEqualTo(payload);
        }
    }

    /** The SOCKS5 listener with credentials (RFC 1929). */
    @Nested
    class SocksWithCredentials {

        @Test
        void curlWithTheRightCredentialsFetchesThePage() throws Exception {
            Curl.Result r = Curl.run("--socks5-hostname", "alice:s3cret-pw@" + peers.socksAuthAddress(),
                    "http://web.garage.p2p/with-auth");
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("hello from garage: GET /with-auth host=web.garage.p2p");
        }

        @Test
        void curlWithAWrongPasswordFailsTheServiceSeesNothingAndOneLineSaysWhy() throws Exception {
            try (RecordingLog log = new RecordingLog("io.p2proxy.proxy")) {
                Curl.Result r = Curl.run("--socks5-hostname", "alice:guess@" + peers.socksAuthAddress(),
                        "http://web.garage.p2p/wrong-password");
                assertThat(r.exit()).as(r.out()).isNotZero();
                await().atMost(Duration.ofSeconds(5)).until(() -> !log.linesWith("authentication failed").isEmpty());
                assertThat(log.linesWith("authentication failed")).singleElement().asString()
                        .contains("127.0.0.1:", "'alice'").doesNotContain("guess");
            }
            assertThat(peers.seen).noneMatch(line -> line.contains("/wrong-password"));
        }

        @Test
        void curlWithoutCredentialsIsRefusedAMethod() throws Exception {
            Curl.Result r = Curl.run("--socks5-hostname", peers.socksAuthAddress(), "http://web.garage.p2p/no-auth");
            assertThat(r.exit()).as(r.out()).isNotZero();
            assertThat(peers.seen).noneMatch(line -> line.contains("/no-auth"));
        }

        @Test
        void aClientPipeliningGreetingCredentialsRequestAndDataLosesNothing() throws Exception {
            byte[] payload = "pipelined behind the credentials".getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(new byte[] {5, 1, 2, 1, 5});
            b.writeBytes("alice".getBytes(StandardCharsets.US_ASCII));
            b.write(9);
            b.writeBytes("s3cret-pw".getBytes(StandardCharsets.US_ASCII));
            byte[] connect = Clients.socksConnect("echo.garage.p2p", 7, payload);
            b.write(connect, 3, connect.length - 3); // without its no-authentication greeting
            try (Socket s = Clients.connect(peers.socksAuth.localAddress())) {
                s.getOutputStream().write(b.toByteArray());
                InputStream in = s.getInputStream();
                assertThat(in.readNBytes(4)).containsExactly(5, 2, 1, 0);
                byte[] reply = in.readNBytes(10);
                assertThat(reply[1]).as("CONNECT reply").isZero();
                assertThat(in.readNBytes(payload.length)).isEqualTo(payload);
            }
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
