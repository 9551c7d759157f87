package io.p2proxy.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @ParameterizedTest(name = "refused: attempt {0}, draw {1} -> {2} ms")
    @CsvSource({
        // while nothing listens: the same doubling, capped at 2 s, then +-20 %
        "0, 0.5, 500",
        "1, 0.5, 1000",
        "2, 0.5, 2000",
        "2, 0.0, 1600",
        "3, 0.5, 2000",
        "3, 0.75, 2200",
        "20, 0.999, 2399",
    })
    void refusedConnectionsAreProbedAtMostEveryTwoSeconds(int attempt, double random, long millis) {
        assertThat(Backoff.DEFAULT.delayAfterRefused(attempt, random).toMillis()).isEqualTo(millis);
    }

    @Test
    void refusedCapMustLieBetweenInitialAndMax() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.1, Duration.ofSeconds(31)))
                .hasMessageContaining("refusedMax");
    }

    @ParameterizedTest(name = "attempt {0}, draw {1} -> {2} ms")
    @CsvSource({
        // attempt, random, expected ms: 0.5 s doubling, capped at 30 s, then +-20 %
        "0, 0.5, 500",
        "0, 0.0, 400",
        "0, 0.75, 550",
        "1, 0.5, 1000",
        "2, 0.5, 2000",
        "3, 0.5, 4000",
        "3, 0.0, 3200",
        "4, 0.5, 8000",
        "5, 0.5, 16000",
        "6, 0.5, 30000",
        "6, 0.0, 24000",
        "6, 0.75, 33000",
        "7, 0.5, 30000",
        "31, 0.5, 30000",
        "2147483647, 0.25, 27000",
    })
    void defaultPolicyDoublesFromHalfASecondToThirtySecondsWithTwentyPercentJitter(int attempt, double random, long ms) {
        assertThat(Backoff.DEFAULT.delay(attempt, random).toMillis()).isEqualTo(ms);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> Backoff.DEFAULT.delay(-1, 0.5)).hasMessageContaining("attempt: -1");
        assertThatThrownBy(() -> Backoff.DEFAULT.delay(0, 1.0)).hasMessageContaining("random: 1.0");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.1)).hasMessageContaining("initial");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.1)).hasMessageContaining("max");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0)).hasMessageContaining("jitter");
    }
}
