package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;


@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SplicedTransferTest {

    @Test
    void sixtyFourMebibytesArriveIntact() throws Exception {
        try (Fixture f = new Fixture()) {
            byte[][] hashes = Clients.echo(f.pair.listenPort(), 64L << 20, 1);
            assertThat(hashes[1]).isEqualTo(hashes[0]);
            assertThat(f.pair.a.authenticated().isSuccess()).isTrue();
        }
    }

    @Test
    void sixteenConcurrentTransfersArriveIntact() throws Exception {
        try (Fixture f = new Fixture()) {
            List<CompletableFuture<byte[][]>> transfers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                long seed = i;
                transfers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return Clients.echo(f.pair.listenPort(), 4L << 20, seed);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (CompletableFuture<byte[][]> t : transfers) {
                byte[][] hashes = t.get(60, TimeUnit.SECONDS);
                assertThat(hashes[1]).isEqualTo(hashes[0]);
            }
        }
    }
}
