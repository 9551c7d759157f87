package io.p2proxy.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.config.PeerConfig;
import io.p2proxy.testkit.RecordingLog;
import io.p2proxy.turn.TurnConfig;
import io.p2proxy.turn.TurnTransport;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnUrlsTest {

    private static List<TurnConfig> resolve(String... urls) {
        return TurnUrls.resolve("a", java.util.Arrays.stream(urls).map(u -> new PeerConfig.Turn(u, "user", "pass")).toList());
    }

    @Test
    void udpIsTheDefaultAndTcpIsAskedForByTheTransportParameter() {
        List<TurnConfig> configs = resolve("turn:198.18.0.1", "turn:198.18.0.1:3479?transport=udp",
                "turn:198.18.0.1:3479?transport=tcp", "turn:[::1]:3480?transport=tcp");
        assertThat(configs).extracting(TurnConfig::server).containsExactly(
                new InetSocketAddress("198.18.0.1", 3478), new InetSocketAddress("198.18.0.1", 3479),
                new InetSocketAddress("198.18.0.1", 3479), new InetSocketAddress("::1", 3480));
        assertThat(configs).extracting(TurnConfig::transport).containsExactly(
                TurnTransport.UDP, TurnTransport.UDP, TurnTransport.TCP, TurnTransport.TCP);
        assertThat(configs.get(2).username()).isEqualTo("user");
    }

    @Test
    void turnsIsSkippedWithOneLogLine() {
        try (RecordingLog log = new RecordingLog(TurnUrls.class.getName())) {
            assertThat(resolve("turns:198.18.0.1:5349?transport=tcp")).isEmpty();
            assertThat(log.linesWith("turns:198.18.0.1:5349")).singleElement().asString().contains("skipped");
        }
    }
}
