package io.p2proxy.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:554, 127.0.0.1, 554",
        "[::1]:8443, ::1, 8443",
        "example.org:3478, example.org, 3478",
        "0.0.0.0:0, 0.0.0.0, 0",
    })
    void parsesAndPrintsBack(String text, String host, int port) {
        HostPort hp = HostPort.parse(text);
        assertThat(hp.host()).isEqualTo(host);
        assertThat(hp.port()).isEqualTo(port);
        assertThat(hp.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", ":80", "host:", "host:65536", "host:-1", "host:80x", "::1:80",
        "[::1]80", "[::1]:", "ho st:80", "host:123456", "[zz]:1"})
    void rejectsWithWhatWasExpected(String text) {
        assertThatThrownBy(() -> HostPort.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");
    }
}
