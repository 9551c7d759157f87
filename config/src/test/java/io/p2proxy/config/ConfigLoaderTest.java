package io.p2proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through the public entry points, with real files. */
class ConfigLoaderTest {

    @Test
    void relativeKeyInAFileResolvesAgainstTheFilesDirectory(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("peer.toml"),
                "name = \"garage\"\nserver = \"ws://127.0.0.1:8443\"\ntoken = \"t\"\nkey = \"keys/garage.key\"\n");

        PeerConfig c = ConfigLoader.peer(file, PeerFlags.none());

        assertThat(c.key()).isEqualTo(dir.resolve("keys/garage.key"));
        assertThat(c.source()).isEqualTo(file);
    }

    @Test
    void relativeKeyInAFlagResolvesAgainstTheWorkingDirectory(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("peer.toml"),
                "name = \"garage\"\nserver = \"ws://127.0.0.1:8443\"\ntoken = \"t\"\nkey = \"in-file.key\"\n");
        PeerFlags flags = new PeerFlags(null, null, null, "flag.key", null, null, null, null, null, null, null, null,
                null);

        PeerConfig c = ConfigLoader.peer(file, flags);

        assertThat(c.key()).isEqualTo(Path.of("").toAbsolutePath().resolve("flag.key"));
    }

    @Test
    void errorsNameTheFileAsTheUserWroteIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("peer.toml"),
                "name = \"garage\"\nlinger = \"soon\"\nserver = \"ws://h\"\ntoken = \"t\"\n");

        assertThatThrownBy(() -> ConfigLoader.peer(file, PeerFlags.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: linger: 'soon' (expected: a duration like 500ms, 30s, 5m, 1h or 1m30s)");
    }

    @Test
    void aMissingFileIsAConfigError(@TempDir Path dir) {
        Path file = dir.resolve("nope.toml");

        assertThatThrownBy(() -> ConfigLoader.server(file, ServerFlags.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": no such file (expected: a readable TOML config file)");
    }

    @Test
    void aFileThatIsNotUtf8IsAConfigError(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("server.toml"), "token = \"\u00e9\"".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ConfigLoader.server(file, ServerFlags.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": not UTF-8 text (expected: a TOML file in UTF-8)");
    }

    @Test
    void serverFromFlagsAlone() throws Exception {
        ServerConfig c = ConfigLoader.server(null, new ServerFlags("127.0.0.1:0", null, null, "t", "off", null, null,
                null));

        assertThat(c.source()).isNull();
        assertThat(c.admin()).isNull();
        assertThat(c.listen().port()).isZero();
    }
}
