package io.p2proxy.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "30s, 30000", "5m, 300000", "1h, 3600000", "1m30s, 90000", "0s, 0", "2d, 172800000"})
    void parses(String text, long millis) {
        Duration d = Durations.parse(text);
        assertThat(d.toMillis()).isEqualTo(millis);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "s", "30 s", "-1s", "1.5s", "30sec", "1m 30s", "ms"})
    void rejects(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("expected: a duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garage", "a", "cam-1", "0"})
    void validNames(String name) {
        assertThat(PeerName.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "Garage", "a_b", "a.b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void invalidNames(String name) {
        assertThat(PeerName.isValid(name)).isFalse();
    }
}
