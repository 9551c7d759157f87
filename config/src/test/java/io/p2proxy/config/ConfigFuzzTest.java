package io.p2proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.p2proxy.config.internal.PeerLoader;
import io.p2proxy.config.internal.ServerLoader;
import io.p2proxy.config.internal.TomlSource;

/**
 * Any bytes as peer.toml or server.toml give a config or a {@link ConfigException} with a one-line
 * message naming the file: no other exception, no hang. The committed corpus under
 * {@code ConfigFuzzTestInputs/peer} and {@code .../server} runs in every build; to search for
 * more (3 minutes each; the parent pom blanks the JAZZER_FUZZ variable, a system property
 * of the same name still counts):
 * {@code ./mvnw -pl config test -Dtest=ConfigFuzzTest#peer -Dsurefire.extraArgs=-DJAZZER_FUZZ=1}.
 */
class ConfigFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void peer(byte[] input) {
        try {
            TomlSource source = TomlSource.parse("peer.toml", Configs.DIR, input);
            PeerConfig config = PeerLoader.load(source, Configs.DIR.resolve("peer.toml"), PeerFlags.none(), Configs.ENV);
            assertThat(config.name()).isNotEmpty();
        } catch (ConfigException e) {
            assertOneLine(e, "peer.toml");
        }
    }

    @FuzzTest(maxDuration = "3m")
    void server(byte[] input) {
        try {
            TomlSource source = TomlSource.parse("server.toml", Configs.DIR, input);
            ServerConfig config = ServerLoader.load(source, Configs.DIR.resolve("server.toml"), ServerFlags.none(),
                    Configs.ENV);
            assertThat(config.token()).isNotEmpty();
        } catch (ConfigException e) {
            assertOneLine(e, "server.toml");
        }
    }

    private static void assertOneLine(ConfigException e, String file) {
        assertThat(e.getMessage()).startsWith(file).doesNotContain("\n", "\r").hasSizeLessThan(1000);
    }
}
