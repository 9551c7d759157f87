package io.p2proxy.natlab;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Missing prerequisites skip a lab test, or fail it when the lab is required (CI). */
class NatLabExtensionTest {

    private static final List<String> MISSING = List.of("not root (effective uid 1000)", "`conntrack` not on PATH");

    @Test
    void nothingMissingLetsTheTestRun() {
        assertThatCode(() -> NatLabExtension.verdict(List.of(), true)).doesNotThrowAnyException();
    }

    @Test
    void missingPrerequisitesSkipWithTheReasons() {
        assertThatThrownBy(() -> NatLabExtension.verdict(MISSING, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("not root (effective uid 1000); `conntrack` not on PATH")
                .hasMessageContaining("skipped");
    }

    @Test
    void missingPrerequisitesFailWhenTheLabIsRequired() {
        assertThatThrownBy(() -> NatLabExtension.verdict(MISSING, true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("not root (effective uid 1000); `conntrack` not on PATH")
                .hasMessageContaining("required");
    }
}
