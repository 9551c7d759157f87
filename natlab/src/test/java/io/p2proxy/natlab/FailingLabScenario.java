package io.p2proxy.natlab;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A test that fails with a lab and a running program, run by {@link TeardownTest} through the JUnit
 * launcher (its name keeps surefire from running it directly).
 */
@NatLabTest
class FailingLabScenario {

    static volatile List<String> namespaces = List.of();
    static volatile long programPid;

    @Test
    void failsWhileTheLabRuns(NatLab.Builder builder) {
        NatLab lab = builder.site("a", NatKind.CONE).site("b", NatKind.SYMMETRIC).build();
        namespaces = lab.namespaces();
        programPid = lab.site("a").host().start("sleeper", List.of("sleep", "600")).pid();
        throw new AssertionError("deliberate failure with the lab up");
    }
}
