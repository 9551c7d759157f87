package io.p2proxy.natlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A two-site lab comes up and goes down fast enough to build one per test. */
@NatLabTest
class LabTimingTest {

    private static final Logger log = LoggerFactory.getLogger(LabTimingTest.class);

    @Test
    void aTwoSiteLabIsUpWithinThreeSecondsAndDownWithinTwo() {
        List<Long> up = new ArrayList<>();
        List<Long> down = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            NatLab lab = NatLab.builder().site("a", NatKind.CONE).site("b", NatKind.SYMMETRIC).build();
            up.add(lab.upTime().toMillis());
            long start = System.nanoTime();
            lab.close();
            down.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        log.info("two-site lab: up {} ms, down {} ms (3 runs)", up, down);
        assertThat(up.stream().sorted().toList().get(1)).isLessThan(3_000);
        assertThat(down.stream().sorted().toList().get(1)).isLessThan(2_000);
    }
}
