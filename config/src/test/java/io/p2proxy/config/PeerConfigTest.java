package io.p2proxy.config;

import static io.p2proxy.config.Configs.minimalPeer;
import static io.p2proxy.config.Configs.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.common.HostPort;
import io.p2proxy.common.ResourceAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerConfigTest {

    private static final String SPEC_FIXED_PORTS;

    static {
        try {
            String spec = new String(PeerConfigTest.class.getResourceAsStream("spec-peer.toml").readAllBytes(),
                    StandardCharsets.UTF_8);
            // SPEC.md's example puts [[forward]] and [rtsp] both on 127.0.0.1:8554; move the forward.
            SPEC_FIXED_PORTS = spec.replace("listen = \"127.0.0.1:8554\"\nto", "listen = \"127.0.0.1:8555\"\nto");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void specExampleParsesOnceItsListenersDiffer() throws Exception {
        PeerConfig c = peer(SPEC_FIXED_PORTS);

        assertThat(c.name()).isEqualTo("garage");
        assertThat(c.server()).isEqualTo(URI.create("ws://198.18.0.1:8443"));
        assertThat(c.token()).isEqualTo("network-secret");
        assertThat(c.key()).isEqualTo(Path.of("/etc/p2proxy/garage.key"));
        assertThat(c.admin()).isEqualTo(HostPort.parse("127.0.0.1:7070"));
        assertThat(c.linger()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.publish()).containsExactly(
                new PeerConfig.Publish("camera", HostPort.parse("127.0.0.1:554"), List.of("laptop")));
        assertThat(c.forward()).containsExactly(
                new PeerConfig.Forward(HostPort.parse("127.0.0.1:8555"), ResourceAddress.parse("garage/camera")));
        assertThat(c.socks()).isEqualTo(new PeerConfig.Socks(HostPort.parse("127.0.0.1:1080"), null));
        assertThat(c.http()).isEqualTo(new PeerConfig.Listener(HostPort.parse("127.0.0.1:8080")));
        assertThat(c.rtsp()).isEqualTo(new PeerConfig.Listener(HostPort.parse("127.0.0.1:8554")));
        assertThat(c.turn()).containsExactly(
                new PeerConfig.Turn("turn:198.18.0.1:3478?transport=udp", "user", "pass"));
        assertThat(c.turn().get(0).toString()).contains("user").doesNotContain("pass");
        assertThat(c.stun()).isEmpty();
        assertThat(c.source()).isEqualTo(Path.of("/etc/p2proxy/peer.toml"));
    }

    @Test
    void defaultsFillWhatTheFileLeavesOut() throws Exception {
        PeerConfig c = peer(minimalPeer(""));

        assertThat(c.admin()).isEqualTo(PeerConfig.DEFAULT_ADMIN);
        assertThat(c.linger()).isEqualTo(PeerConfig.DEFAULT_LINGER);
        assertThat(c.key()).isEqualTo(Path.of("/home/u/.config/p2proxy/laptop.key"));
        assertThat(c.publish()).isEmpty();
        assertThat(c.forward()).isEmpty();
        assertThat(c.socks()).isNull();
        assertThat(c.http()).isNull();
        assertThat(c.rtsp()).isNull();
    }

    @Test
    void serverUrlWithoutPortGets8443() throws Exception {
        PeerConfig c = peer("name = \"a\"\nserver = \"wss://rendezvous.example.org\"\ntoken = \"t\"\n");

        assertThat(c.server()).isEqualTo(URI.create("wss://rendezvous.example.org:8443"));
    }

    @Test
    void adminOffDisablesIt() throws Exception {
        assertThat(peer(minimalPeer("admin = \"off\"\n")).admin()).isNull();
    }

    @Test
    void flagsOverrideScalarsAndAddToLists() throws Exception {
        String file = minimalPeer("linger = \"5m\"\n[[publish]]\nname = \"cam\"\ntarget = \"127.0.0.1:554\"\n"
                + "allow = [\"*\"]\n[[forward]]\nlisten = \"127.0.0.1:9000\"\nto = \"garage/cam\"\n"
                + "[socks]\nlisten = \"127.0.0.1:1080\"\n");
        PeerFlags flags = new PeerFlags("desk", "ws://10.0.0.1:9", "other", "keys/desk.key", "off", "1m30s",
                List.of("web=127.0.0.1:80", "ssh=127.0.0.1:22"), List.of("laptop", "phone"),
                List.of("127.0.0.1:9001=garage/web"), "127.0.0.1:1081", "127.0.0.1:3128", null,
                List.of("stun.example.org", "198.18.0.1:3479"));

        PeerConfig c = peer(file, flags);

        assertThat(c.name()).isEqualTo("desk");
        assertThat(c.server()).isEqualTo(URI.create("ws://10.0.0.1:9"));
        assertThat(c.token()).isEqualTo("other");
        assertThat(c.key()).isEqualTo(Path.of("/home/u/work/keys/desk.key"));
        assertThat(c.admin()).isNull();
        assertThat(c.linger()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.publish()).containsExactly(
                new PeerConfig.Publish("cam", HostPort.parse("127.0.0.1:554"), List.of("*")),
                new PeerConfig.Publish("web", HostPort.parse("127.0.0.1:80"), List.of("laptop", "phone")),
                new PeerConfig.Publish("ssh", HostPort.parse("127.0.0.1:22"), List.of("laptop", "phone")));
        assertThat(c.forward()).extracting(f -> f.listen().port()).containsExactly(9000, 9001);
        assertThat(c.socks().listen()).isEqualTo(HostPort.parse("127.0.0.1:1081"));
        assertThat(c.http().listen()).isEqualTo(HostPort.parse("127.0.0.1:3128"));
        assertThat(c.stun()).containsExactly(new HostPort("stun.example.org", 3478), HostPort.parse("198.18.0.1:3479"));
    }

    @Test
    void flagsAloneMakeAConfig() throws Exception {
        PeerFlags flags = new PeerFlags("laptop", "ws://127.0.0.1:8443", "t", null, null, null, null, null,
                List.of("127.0.0.1:8554=garage/camera"), null, null, null, null);

        PeerConfig c = peer(null, flags);

        assertThat(c.source()).isNull();
        assertThat(c.forward()).hasSize(1);
        assertThat(c.key()).isEqualTo(Path.of("/home/u/.config/p2proxy/laptop.key"));
    }

    @Test
    void allowTakesASingleStringAndPeerIds() throws Exception {
        String id = "a".repeat(52);
        PeerConfig c = peer(minimalPeer("[[publish]]\nname = \"cam\"\ntarget = \"[::1]:554\"\nallow = \"" + id + "\"\n"));

        assertThat(c.publish().get(0).allow()).containsExactly(id);
        assertThat(c.publish().get(0).target()).isEqualTo(new HostPort("::1", 554));
    }

    @Test
    void absoluteKeyPathStaysAsWritten() throws Exception {
        assertThat(peer(minimalPeer("key = \"/var/lib/p2proxy/k.pem\"\n")).key())
                .isEqualTo(Path.of("/var/lib/p2proxy/k.pem"));
    }

    @Test
    void portZeroListenersNeverClash() throws Exception {
        PeerConfig c = peer(minimalPeer("[socks]\nlisten = \"127.0.0.1:0\"\n[http]\nlisten = \"127.0.0.1:0\"\n"));

        assertThat(c.http().listen().port()).isZero();
    }
}
