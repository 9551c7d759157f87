package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.common.Identity;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.signal.SignalClient;
import io.p2proxy.signal.SignalState;
import java.io.FileInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    @TempDir
    Path dir;

    @Test
    void peersLogInOverWssWithASelfSignedCertificate() throws Exception {
        KeyStore store = selfSigned(dir);
        Certificate cert = store.getCertificate("server");
        Path certPem = dir.resolve("server.crt");
        Path keyPem = dir.resolve("server.key");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(keyPem, pem("PRIVATE KEY", store.getKey("server", PASS).getEncoded()), StandardCharsets.US_ASCII);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        roots.setCertificateEntry("server", cert);
        trust.init(roots);

        var events = new RecordingListener();
        try (RendezvousServer server = RendezvousServer.start(TestServers.config(0, new ServerConfig.Tls(certPem, keyPem)));
             SignalClient client = SignalClient.builder(URI.create("wss://127.0.0.1:" + server.signalAddress().getPort()),
                     "secure", Identity.generate(), TestServers.TOKEN).trustManager(trust).listener(events).build().start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == SignalState.CONNECTED);
            assertThat(server.status().peers()).extracting(ServerStatus.Peer::name).containsExactly("secure");

            // Without the trust override the JDK's roots refuse the certificate: no login, and it keeps retrying.
            var refused = new RecordingListener();
            try (SignalClient untrusting = SignalClient.builder(URI.create("wss://127.0.0.1:" + server.signalAddress().getPort()),
                    "doubter", Identity.generate(), TestServers.TOKEN).listener(refused).build().start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> refused.count(SignalState.DISCONNECTED) >= 1);
                assertThat(untrusting.state()).isNotEqualTo(SignalState.CONNECTED);
            }
        }
    }

    private static final char[] PASS = "changeit".toCharArray();

    /** The JDK has no certificate builder API, but it ships keytool. */
    private static KeyStore selfSigned(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(store.toFile())) {
            ks.load(in, PASS);
        }
        return ks;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
