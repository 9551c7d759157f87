package io.p2proxy.natlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.p2proxy.natlab.internal.Commands;
import io.p2proxy.natlab.internal.Namespaces;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** The lab leaves nothing behind: namespaces, veths, iptables rules, processes. */
@NatLabTest
class TeardownTest {

    @Test
    void closingTheLabLeavesTheMachineAsItWas() {
        HostState before = HostState.now();
        NatLab lab = NatLab.builder().site("n", NatKind.NONE).site("c", NatKind.CONE, 2)
                .site("s", NatKind.SYMMETRIC).site("u", NatKind.UDP_BLOCKED).build();
        NsProcess program = lab.site("c").host(2).start("sleeper", List.of("sleep", "600"));
        assertThat(Namespaces.list()).containsAll(lab.namespaces());
        assertThat(lab.namespaces()).hasSize(2 + 1 + 3 + 2 + 2);

        lab.close();

        assertThat(program.isAlive()).isFalse();
        assertThat(Namespaces.list()).doesNotContainAnyElementsOf(lab.namespaces());
        assertThat(HostState.now()).isEqualTo(before);
    }

    @Test
    void aFailingTestStillTearsItsLabDown() {
        HostState before = HostState.now();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();

        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FailingLabScenario.class)).build(), listener);

        assertThat(listener.getSummary().getTotalFailureCount()).isEqualTo(1);
        assertThat(listener.getSummary().getFailures().get(0).getException())
                .hasMessage("deliberate failure with the lab up");
        assertThat(FailingLabScenario.namespaces).isNotEmpty();
        assertThat(Namespaces.list()).doesNotContainAnyElementsOf(FailingLabScenario.namespaces);
        assertThat(ProcessHandle.of(FailingLabScenario.programPid)).isEmpty();
        assertThat(HostState.now()).isEqualTo(before);
    }

    @Test
    void namespacesOfAJvmThatDiedAreRemovedAndOthersKept() {
        long dead = LongStream.iterate(4_000_000, pid -> pid - 1).filter(pid -> ProcessHandle.of(pid).isEmpty())
                .findFirst().orElseThrow();
        String stale = Namespaces.PREFIX + dead + "x1-pub";
        String live = Namespaces.PREFIX + ProcessHandle.current().pid() + "x999-pub";
        Commands.run(List.of("ip", "netns", "add", stale));
        Commands.run(List.of("ip", "netns", "add", live));
        try {
            Namespaces.removeStale();

            assertThat(Namespaces.list()).doesNotContain(stale).contains(live);
        } finally {
            Namespaces.delete(List.of(stale, live));
        }
    }
}
