package io.p2proxy.config;

import static io.p2proxy.config.Configs.assertServerError;
import static io.p2proxy.config.Configs.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.common.HostPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    private static final ServerFlags NONE = ServerFlags.none();

    @Test
    void specExampleParses() throws Exception {
        String spec = new String(getClass().getResourceAsStream("spec-server.toml").readAllBytes(),
                StandardCharsets.UTF_8);

        ServerConfig c = server(spec, NONE);

        assertThat(c.listen()).isEqualTo(HostPort.parse("0.0.0.0:8443"));
        assertThat(c.stun()).containsExactly(HostPort.parse("0.0.0.0:3478"));
        assertThat(c.publicAddress()).isEqualTo("198.18.0.1");
        assertThat(c.token()).isEqualTo("network-secret");
        assertThat(c.admin()).isEqualTo(HostPort.parse("127.0.0.1:7071"));
        assertThat(c.relay()).isTrue();
        assertThat(c.tls()).isNull();
    }

    @Test
    void defaultsNeedOnlyAToken() throws Exception {
        ServerConfig c = server("token = \"t\"\n", NONE);

        assertThat(c.listen()).isEqualTo(ServerConfig.DEFAULT_LISTEN);
        assertThat(c.stun()).containsExactly(ServerConfig.DEFAULT_STUN);
        assertThat(c.admin()).isEqualTo(ServerConfig.DEFAULT_ADMIN);
        assertThat(c.relay()).isTrue();
        assertThat(c.publicAddress()).isNull();
    }

    @Test
    void stunMayListTwoPorts() throws Exception {
        ServerConfig c = server("token = \"t\"\nstun = [\"0.0.0.0:3478\", \"0.0.0.0:3479\"]\n", NONE);

        assertThat(c.stun()).extracting(HostPort::port).containsExactly(3478, 3479);
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        ServerConfig c = server("token = \"t\"\nrelay = true\nadmin = \"127.0.0.1:7071\"\n",
                new ServerFlags("127.0.0.1:0", List.of("127.0.0.1:0"), "203.0.113.9", "other", "off", "false", null,
                        null));

        assertThat(c.listen()).isEqualTo(HostPort.parse("127.0.0.1:0"));
        assertThat(c.stun()).containsExactly(HostPort.parse("127.0.0.1:0"));
        assertThat(c.publicAddress()).isEqualTo("203.0.113.9");
        assertThat(c.token()).isEqualTo("other");
        assertThat(c.admin()).isNull();
        assertThat(c.relay()).isFalse();
    }

    @Test
    void tlsPathsInTheFileAreRelativeToItsDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("server.crt"), "cert");
        Files.writeString(dir.resolve("server.key"), "key");
        Path file = Files.writeString(dir.resolve("server.toml"),
                "token = \"t\"\n[tls]\ncert = \"server.crt\"\nkey = \"server.key\"\n");

        ServerConfig c = ConfigLoader.server(file, NONE);

        assertThat(c.tls()).isEqualTo(new ServerConfig.Tls(dir.resolve("server.crt"), dir.resolve("server.key")));
        assertThat(c.source()).isEqualTo(file);
    }

    @Test
    void missingToken() {
        assertServerError("listen = \"0.0.0.0:8443\"\n", NONE,
                "server.toml: token: missing (expected: the network secret peers present, a non-empty string;"
                        + " or --token)");
    }

    @Test
    void unknownKeyWithUnderscoreTypo() {
        assertServerError("token = \"t\"\npublic-address = \"198.18.0.1\"\n", NONE,
                "server.toml:2: public-address: unknown key (did you mean 'public_address'?)");
    }

    @Test
    void wrongTypeOfRelay() {
        assertServerError("token = \"t\"\nrelay = \"yes\"\n", NONE,
                "server.toml:2: relay: 'yes' (expected: true or false)");
    }

    @Test
    void publicAddressMayBeIpv6() throws Exception {
        assertThat(server("token = \"t\"\npublic_address = \"2001:db8::1\"\n", NONE).publicAddress())
                .isEqualTo("2001:db8::1");
    }

    @Test
    void badPublicAddress() {
        assertServerError("token = \"t\"\npublic_address = \"198.18.0.1:8443\"\n", NONE,
                "server.toml:2: public_address: '198.18.0.1:8443' (expected: a host name or an IP address,"
                        + " without a port)");
    }

    @Test
    void listenAndAdminOnOneAddress() {
        assertServerError("token = \"t\"\nlisten = \"0.0.0.0:7071\"\n", NONE,
                "server.toml:2: listen: '0.0.0.0:7071' (expected: an address no other listener uses;"
                        + " the default admin listens on 127.0.0.1:7071)");
    }

    @Test
    void twoEqualStunAddresses() {
        assertServerError("token = \"t\"\n\nstun = [\n  \"0.0.0.0:3478\",\n  \"0.0.0.0:3478\",\n]\n", NONE,
                "server.toml:5: stun[2]: '0.0.0.0:3478' (expected: a second STUN address other than the first,"
                        + " 0.0.0.0:3478)");
    }

    @Test
    void tlsTableMissingItsKey() {
        assertServerError("token = \"t\"\n\n[tls]\ncert = \"server.crt\"\n", NONE,
                "server.toml:3: tls.key: missing (expected: a file, since server.toml:4: tls.cert is set;"
                        + " or --tls-key)");
    }

    @Test
    void tlsFileThatDoesNotExist() {
        assertServerError("token = \"t\"\n[tls]\ncert = \"nope.crt\"\nkey = \"nope.key\"\n", NONE,
                "server.toml:3: tls.cert: 'nope.crt' (expected: a readable file; /etc/p2proxy/nope.crt is not)");
    }
}
