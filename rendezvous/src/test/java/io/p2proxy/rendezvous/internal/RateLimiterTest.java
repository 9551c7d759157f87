package io.p2proxy.rendezvous.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.rendezvous.internal.RateLimiter.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void aBurstPassesThenTheFirstRefusalIsToldAndTheRestDropped() {
        RateLimiter r = new RateLimiter(50, 100);
        List<Verdict> v = new ArrayList<>();
        for (int i = 0; i < 103; i++) {
            v.add(r.onMessage(0));
        }
        assertThat(v.subList(0, 100)).containsOnly(Verdict.ALLOW);
        assertThat(v.subList(100, 103)).containsExactly(Verdict.REFUSE, Verdict.DROP, Verdict.DROP);
    }

    @Test
    void tokensComeBackAtTheRate() {
        RateLimiter r = new RateLimiter(50, 100);
        for (int i = 0; i < 100; i++) {
            r.onMessage(0);
        }
        assertThat(r.onMessage(19 * MS)).isEqualTo(Verdict.REFUSE); // 0.95 tokens
        assertThat(r.onMessage(21 * MS)).isEqualTo(Verdict.ALLOW);  // 1.05 tokens
    }

    @Test
    void aSenderThatNeverPausesIsClosedAndOneThatPausesIsForgiven() {
        RateLimiter flood = new RateLimiter(50, 100);
        Verdict last = null;
        long t = 0;
        for (int i = 0; i < 1000 && last != Verdict.CLOSE; i++, t += 10 * MS) { // 100/s against 50/s
            last = flood.onMessage(t);
        }
        assertThat(last).isEqualTo(Verdict.CLOSE);

        RateLimiter bursty = new RateLimiter(50, 100);
        for (int round = 0; round < 5; round++) {
            long start = round * 3000 * MS; // 3 s of silence refills the bucket
            for (int i = 0; i < 150; i++) {
                assertThat(bursty.onMessage(start)).isNotEqualTo(Verdict.CLOSE);
            }
        }
    }
}
