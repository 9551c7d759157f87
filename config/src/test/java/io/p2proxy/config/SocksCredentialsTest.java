package io.p2proxy.config;

import static io.p2proxy.config.Configs.assertPeerError;
import static io.p2proxy.config.Configs.minimalPeer;
import static io.p2proxy.config.Configs.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2proxy.common.HostPort;
import org.junit.jupiter.api.Test;

/** {@code [socks]} username and password (RFC 1929): both or neither, and the password never shown. */
class SocksCredentialsTest {

    private static String socks(String keys) {
        return minimalPeer("[socks]\nlisten = \"127.0.0.1:1080\"\n" + keys);
    }

    @Test
    void usernameAndPasswordTogetherMakeCredentials() throws Exception {
        PeerConfig c = peer(socks("username = \"alice\"\npassword = \"s3cret wörd\"\n"));

        assertThat(c.socks()).isEqualTo(new PeerConfig.Socks(HostPort.parse("127.0.0.1:1080"),
                new PeerConfig.Credentials("alice", "s3cret wörd")));
    }

    @Test
    void theFlagReplacesTheAddressAndKeepsTheFilesCredentials() throws Exception {
        PeerFlags flags = new PeerFlags(null, null, null, null, null, null, null, null, null, "127.0.0.1:1081",
                null, null, null);

        PeerConfig c = peer(socks("username = \"alice\"\npassword = \"pw\"\n"), flags);

        assertThat(c.socks().listen()).isEqualTo(HostPort.parse("127.0.0.1:1081"));
        assertThat(c.socks().credentials().username()).isEqualTo("alice");
    }

    @Test
    void withoutCredentialsThereIsNoAuthentication() throws Exception {
        assertThat(peer(socks("")).socks().credentials()).isNull();
    }

    @Test
    void toStringNeverShowsThePassword() throws Exception {
        PeerConfig c = peer(socks("username = \"alice\"\npassword = \"hunter2\"\n"));

        assertThat(c.toString()).contains("alice").doesNotContain("hunter2");
        assertThat(c.socks().toString()).doesNotContain("hunter2");
    }

    @Test
    void aUsernameWithoutAPasswordNamesTheMissingKey() {
        assertPeerError(socks("username = \"alice\"\n"),
                "peer.toml:4: socks.password: missing (expected: username and password together, or neither)");
    }

    @Test
    void aPasswordWithoutAUsernameNamesTheMissingKey() {
        assertPeerError(socks("password = \"pw\"\n"),
                "peer.toml:4: socks.username: missing (expected: username and password together, or neither)");
    }

    @Test
    void anEmptyUsernameIsAnError() {
        assertPeerError(socks("username = \"\"\npassword = \"pw\"\n"),
                "peer.toml:6: socks.username: '' (expected: 1 to 255 bytes in UTF-8 (RFC 1929))");
    }

    @Test
    void aPasswordTooLongForRfc1929IsAnErrorThatDoesNotShowIt() {
        String password = "é".repeat(128);
        assertPeerError(socks("username = \"alice\"\npassword = \"" + password + "\"\n"),
                "peer.toml:7: socks.password: 256 bytes (expected: the SOCKS5 password, 1 to 255 bytes in UTF-8 "
                        + "(RFC 1929))");
    }

    @Test
    void aPasswordThatIsNotAStringIsAnErrorThatDoesNotShowIt() {
        assertThatThrownBy(() -> peer(socks("username = \"alice\"\npassword = 918273645\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("peer.toml:7: socks.password: not a quoted string (expected: a quoted string, the SOCKS5 "
                        + "password, 1 to 255 bytes in UTF-8 (RFC 1929))")
                .message().doesNotContain("918273645");
    }

    @Test
    void brokenCredentialsStayAnErrorWhenTheFlagGivesTheAddress() {
        PeerFlags flags = new PeerFlags(null, null, null, null, null, null, null, null, null, "127.0.0.1:1081",
                null, null, null);
        assertPeerError(socks("username = \"alice\"\n"), flags,
                "peer.toml:4: socks.password: missing (expected: username and password together, or neither)");
    }
}
