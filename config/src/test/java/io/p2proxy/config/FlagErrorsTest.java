package io.p2proxy.config;

import static io.p2proxy.config.Configs.assertPeerError;
import static io.p2proxy.config.Configs.assertServerError;
import static io.p2proxy.config.Configs.minimalPeer;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad flags name the flag instead of a file and line. */
class FlagErrorsTest {

    private static PeerFlags publish(List<String> publish, List<String> allow) {
        return new PeerFlags(null, null, null, null, null, null, publish, allow, null, null, null, null, null);
    }

    @Test
    void badDurationFlag() {
        PeerFlags flags = new PeerFlags(null, null, null, null, null, "30 sec", null, null, null, null, null, null,
                null);
        assertPeerError(minimalPeer(""), flags,
                "--linger: '30 sec' (expected: a duration like 500ms, 30s, 5m, 1h or 1m30s)");
    }

    @Test
    void publishWithoutEquals() {
        assertPeerError(minimalPeer(""), publish(List.of("camera"), List.of("*")),
                "--publish: 'camera' (expected: NAME=HOST:PORT)");
    }

    @Test
    void publishWithBadName() {
        assertPeerError(minimalPeer(""), publish(List.of("Cam=127.0.0.1:554"), List.of("*")),
                "--publish: 'Cam=127.0.0.1:554' (expected: NAME=HOST:PORT, NAME: lower-case letters, digits and '-',"
                        + " 1 to 63 characters, not starting with '-')");
    }

    @Test
    void publishWithoutAllow() {
        assertPeerError(minimalPeer(""), publish(List.of("cam=127.0.0.1:554"), List.of()),
                "--publish: 'cam=127.0.0.1:554' (expected: --allow PEER as well (a peer name, a peer id or '*'),"
                        + " for the resources published by flags)");
    }

    @Test
    void allowWithoutPublish() {
        assertPeerError(minimalPeer(""), publish(List.of(), List.of("laptop")),
                "--allow: 'laptop' (expected: --publish NAME=HOST:PORT as well: --allow applies to resources"
                        + " published by flags)");
    }

    @Test
    void publishedFlagNameClashingWithTheFile() {
        assertPeerError(minimalPeer("[[publish]]\nname = \"cam\"\ntarget = \"127.0.0.1:554\"\nallow = [\"*\"]\n"),
                publish(List.of("cam=127.0.0.1:555"), List.of("*")),
                "--publish: 'cam' (expected: a name no other published resource has; peer.toml:5: publish[1].name"
                        + " has it)");
    }

    @Test
    void forwardWithBadListenAddress() {
        PeerFlags flags = new PeerFlags(null, null, null, null, null, null, null, null,
                List.of("8554=garage/camera"), null, null, null, null);
        assertPeerError(minimalPeer(""), flags, "--forward: '8554' (expected: HOST:PORT, IPv6 as [ADDR]:PORT)");
    }

    @Test
    void socksFlagClashingWithAFileForward() {
        PeerFlags flags = new PeerFlags(null, null, null, null, null, null, null, null, null, "127.0.0.1:8554",
                null, null, null);
        assertPeerError(minimalPeer("[[forward]]\nlisten = \"127.0.0.1:8554\"\nto = \"a/b\"\n"), flags,
                "--socks: '127.0.0.1:8554' (expected: an address no other listener uses; peer.toml:5:"
                        + " forward[1].listen listens on 127.0.0.1:8554)");
    }

    @Test
    void missingNameWithoutAFileNamesTheFlag() {
        PeerFlags flags = new PeerFlags(null, "ws://h:1", "t", null, null, null, null, null, null, null, null, null,
                null);
        assertPeerError(null, flags,
                "--name: missing (expected: this peer's name, lower-case letters, digits and '-', 1 to 63 characters,"
                        + " not starting with '-'; or name in a config file given with -c)");
    }

    @Test
    void badServerUrlFlag() {
        PeerFlags flags = new PeerFlags(null, "198.18.0.1:8443", null, null, null, null, null, null, null, null,
                null, null, null);
        assertPeerError(minimalPeer(""), flags,
                "--server: '198.18.0.1:8443' (expected: ws://HOST[:PORT] or wss://HOST[:PORT])");
    }

    @Test
    void relayFlagMustBeABoolean() {
        assertServerError("token = \"t\"\n", new ServerFlags(null, null, null, null, null, "yes", null, null),
                "--relay: 'yes' (expected: true or false)");
    }

    @Test
    void tlsCertFlagWithoutKey() {
        assertServerError("token = \"t\"\n", new ServerFlags(null, null, null, null, null, null, "server.crt", null),
                "--tls-key: missing (expected: a file, since --tls-cert is given)");
    }

    @Test
    void threeStunFlags() {
        assertServerError("token = \"t\"\n", new ServerFlags(null,
                        List.of("0.0.0.0:3478", "0.0.0.0:3479", "0.0.0.0:3480"), null, null, null, null, null, null),
                "--stun: '0.0.0.0:3480' (expected: at most two STUN addresses)");
    }
}
