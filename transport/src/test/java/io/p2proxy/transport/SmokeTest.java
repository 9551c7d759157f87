package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmokeTest {
    @Test
    void smallEchoArrivesIntactAndAuthenticates() throws Exception {
        try (Fixture f = new Fixture()) {
            byte[][] hashes = Clients.echo(f.pair.listenPort(), Long.getLong("smoke.size", 100_000), 1);
            assertThat(hashes[1]).isEqualTo(hashes[0]);
            assertThat(f.pair.a.authenticated().isSuccess()).isTrue();
        }
    }
}
