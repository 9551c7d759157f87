package io.p2proxy.config;

import static io.p2proxy.config.Configs.assertPeerError;
import static io.p2proxy.config.Configs.minimalPeer;

import org.junit.jupiter.api.Test;

/** One test per kind of mistake in peer.toml, each pinning the exact one-line message. */
class PeerConfigErrorsTest {

    @Test
    void unknownTopLevelKeySuggestsTheClosestKnownKey() {
        assertPeerError(minimalPeer("lingr = \"30s\"\n"),
                "peer.toml:4: lingr: unknown key (did you mean 'linger'?)");
    }

    @Test
    void unknownKeyFarFromAnyKnownKeyListsTheKnownKeys() {
        assertPeerError(minimalPeer("colour = \"blue\"\n"),
                "peer.toml:4: colour: unknown key (expected: one of name, server, token, key, admin, linger, "
                        + "publish, forward, socks, http, rtsp, turn, stun)");
    }

    @Test
    void unknownKeyInAnArrayOfTablesNamesTheElement() {
        assertPeerError(minimalPeer("[[publish]]\nname = \"a\"\ntarget = \"127.0.0.1:1\"\nallow = [\"*\"]\n"
                        + "[[publish]]\nname = \"b\"\ntagret = \"127.0.0.1:2\"\n"),
                "peer.toml:10: publish[2].tagret: unknown key (did you mean 'target'?)");
    }

    @Test
    void unknownKeyInATable() {
        assertPeerError(minimalPeer("\n[socks]\nlisten = \"127.0.0.1:1080\"\nport = 1\n"),
                "peer.toml:7: socks.port: unknown key (expected: one of listen, username, password)");
    }

    @Test
    void wrongTypeOfATopLevelKey() {
        assertPeerError(minimalPeer("linger = 30\n"),
                "peer.toml:4: linger: 30 (expected: a quoted string, a duration like 500ms, 30s, 5m, 1h or 1m30s)");
    }

    @Test
    void wrongTypeOfATable() {
        assertPeerError(minimalPeer("socks = \"127.0.0.1:1080\"\n"),
                "peer.toml:4: socks: '127.0.0.1:1080' (expected: a table, written [socks])");
    }

    @Test
    void aTableWhereAnArrayOfTablesBelongs() {
        assertPeerError(minimalPeer("[publish]\nname = \"cam\"\n"),
                "peer.toml:4: publish: a table (expected: an array of tables, written [[publish]])");
    }

    @Test
    void wrongTypeOfAnArrayElement() {
        assertPeerError(minimalPeer("[[publish]]\nname = \"cam\"\ntarget = \"127.0.0.1:554\"\n"
                        + "allow = [\n  \"laptop\",\n  42,\n]\n"),
                "peer.toml:9: publish[1].allow[2]: 42 (expected: a quoted string, a peer name, a peer id or '*')");
    }

    @Test
    void missingRequiredTopLevelKey() {
        assertPeerError("name = \"laptop\"\nserver = \"ws://198.18.0.1:8443\"\n",
                "peer.toml: token: missing (expected: the network secret, a non-empty string; or --token)");
    }

    @Test
    void missingRequiredKeyInATableNamesTheTableLine() {
        assertPeerError(minimalPeer("\n[[forward]]\nlisten = \"127.0.0.1:8554\"\n"),
                "peer.toml:5: forward[1].to: missing (expected: PEER/RESOURCE, e.g. garage/camera)");
    }

    @Test
    void publishWithoutAllowIsAnError() {
        assertPeerError(minimalPeer("[[publish]]\nname = \"cam\"\ntarget = \"127.0.0.1:554\"\n"),
                "peer.toml:4: publish[1].allow: missing (expected: peer names, peer ids, or [\"*\"] for every peer"
                        + " of the server)");
    }

    @Test
    void publishWithAnEmptyAllowIsAnError() {
        assertPeerError(minimalPeer("[[publish]]\nname = \"cam\"\ntarget = \"127.0.0.1:554\"\nallow = []\n"),
                "peer.toml:7: publish[1].allow: an empty array (expected: peer names, peer ids, or [\"*\"] for"
                        + " every peer of the server)");
    }

    @Test
    void badAllowEntry() {
        assertPeerError(minimalPeer("[[publish]]\nname = \"cam\"\ntarget = \"127.0.0.1:554\"\nallow = [\"Laptop\"]\n"),
                "peer.toml:7: publish[1].allow[1]: 'Laptop' (expected: a peer name, a peer id or '*')");
    }

    @Test
    void badAddress() {
        assertPeerError(minimalPeer("[[publish]]\nname = \"cam\"\ntarget = \"127.0.0.1\"\nallow = [\"*\"]\n"),
                "peer.toml:6: publish[1].target: '127.0.0.1' (expected: HOST:PORT, IPv6 as [ADDR]:PORT)");
    }

    @Test
    void badAdminAddress() {
        assertPeerError(minimalPeer("admin = \"none\"\n"),
                "peer.toml:4: admin: 'none' (expected: HOST:PORT, or off)");
    }

    @Test
    void badDuration() {
        assertPeerError("name = \"garage\"\nserver = \"ws://h:1\"\ntoken = \"t\"\n\n\n\nlinger = \"30 sec\"\n",
                "peer.toml:7: linger: '30 sec' (expected: a duration like 500ms, 30s, 5m, 1h or 1m30s)");
    }

    @Test
    void badName() {
        assertPeerError("name = \"Garage_1\"\nserver = \"ws://h:1\"\ntoken = \"t\"\n",
                "peer.toml:1: name: 'Garage_1' (expected: lower-case letters, digits and '-', 1 to 63 characters,"
                        + " not starting with '-')");
    }

    @Test
    void duplicatePublishedNameNamesBothPlaces() {
        assertPeerError(minimalPeer("[[publish]]\nname = \"cam\"\ntarget = \"127.0.0.1:554\"\nallow = [\"*\"]\n\n"
                        + "[[publish]]\nname = \"cam\"\ntarget = \"127.0.0.1:555\"\nallow = [\"*\"]\n"),
                "peer.toml:10: publish[2].name: 'cam' (expected: a name no other published resource has;"
                        + " peer.toml:5: publish[1].name has it)");
    }

    @Test
    void twoListenersOnOneAddress() {
        assertPeerError(minimalPeer("[[forward]]\nlisten = \"127.0.0.1:8554\"\nto = \"garage/camera\"\n\n"
                        + "[rtsp]\nlisten = \"127.0.0.1:8554\"\n"),
                "peer.toml:9: rtsp.listen: '127.0.0.1:8554' (expected: an address no other listener uses;"
                        + " peer.toml:5: forward[1].listen listens on 127.0.0.1:8554)");
    }

    @Test
    void aListenerOnTheWildcardAddressClashesWithTheAdminPort() {
        assertPeerError(minimalPeer("[http]\nlisten = \"0.0.0.0:7070\"\n"),
                "peer.toml:5: http.listen: '0.0.0.0:7070' (expected: an address no other listener uses;"
                        + " the default admin listens on 127.0.0.1:7070)");
    }

    @Test
    void serverUrlMustBeWebSocket() {
        assertPeerError("name = \"garage\"\nserver = \"http://198.18.0.1:8443\"\ntoken = \"t\"\n",
                "peer.toml:2: server: 'http://198.18.0.1:8443' (expected: ws://HOST[:PORT] or wss://HOST[:PORT])");
    }

    @Test
    void serverUrlNeedsAHost() {
        assertPeerError("name = \"garage\"\nserver = \"ws:///v1/signal\"\ntoken = \"t\"\n",
                "peer.toml:2: server: 'ws:///v1/signal' (expected: ws://HOST[:PORT] or wss://HOST[:PORT])");
    }

    @Test
    void badTurnUrl() {
        assertPeerError(minimalPeer("[[turn]]\nurl = \"turn:198.18.0.1:3478?transport=sctp\"\n"
                        + "username = \"u\"\npassword = \"p\"\n"),
                "peer.toml:5: turn[1].url: 'turn:198.18.0.1:3478?transport=sctp' (expected:"
                        + " turn:HOST[:PORT][?transport=udp|tcp] or turns:...)");
    }

    @Test
    void emptyToken() {
        assertPeerError("name = \"garage\"\nserver = \"ws://h\"\ntoken = \"\"\n",
                "peer.toml:3: token: '' (expected: a non-empty string)");
    }

    @Test
    void tomlSyntaxErrorNamesTheLine() {
        assertPeerError(minimalPeer("\nlinger = \n"),
                "peer.toml:5: Newline not permitted here (expected: valid TOML, see https://toml.io)");
    }

    @Test
    void duplicateKeyIsASyntaxError() {
        assertPeerError(minimalPeer("name = \"again\"\n"),
                "peer.toml:4: Duplicate key (expected: valid TOML, see https://toml.io)");
    }

    @Test
    void multiLineValuesStayOnOneLineOfMessage() {
        assertPeerError(minimalPeer("linger = \"\"\"\n30\nsec\"\"\"\n"),
                "peer.toml:4: linger: '30\\nsec' (expected: a duration like 500ms, 30s, 5m, 1h or 1m30s)");
    }

    @Test
    void specExampleAsWrittenHasTwoListenersOn8554() throws Exception {
        String spec = new String(getClass().getResourceAsStream("spec-peer.toml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertPeerError(spec, "peer.toml:24: rtsp.listen: '127.0.0.1:8554' (expected: an address no other listener"
                + " uses; peer.toml:14: forward[1].listen listens on 127.0.0.1:8554)");
    }
}
