package io.p2proxy.natlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2proxy.natlab.internal.RouterRules;
import io.p2proxy.natlab.internal.SiteSpec;
import io.p2proxy.natlab.internal.Wiring;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The address plan and router rules, without building anything (no root needed). */
class PlanTest {

    private final Wiring wiring = Wiring.plan("p2nl1x1", List.of(new SiteSpec("a", NatKind.CONE, 2),
            new SiteSpec("n", NatKind.NONE, 1)));
    private final Map<String, Wiring.Ns> byRole = wiring.namespaces().stream()
            .collect(Collectors.toMap(Wiring.Ns::role, Function.identity()));

    @Test
    void addressesComeFromTheBenchmarkingRangeOnly() {
        assertThat(byRole.get("pub").addresses()).containsExactly("198.18.0.1", "198.18.0.2");
        assertThat(byRole.get("r-a").addresses()).containsExactly("198.18.0.11");
        assertThat(byRole.get("h-a-1").addresses()).containsExactly("198.19.1.11");
        assertThat(byRole.get("h-a-2").addresses()).containsExactly("198.19.1.12");
        assertThat(byRole.get("h-n-1").addresses()).containsExactly("198.18.0.121");
        assertThat(byRole.get("h-a-1").ipBatch()).contains("route add default via 198.19.1.1");
        assertThat(byRole.get("pub").ipBatch()).contains("route add default via 198.18.0.254");
        assertThat(byRole.get("h-n-1").ipBatch()).contains("route add default via 198.18.0.254");
    }

    @Test
    void everyNamespaceCarriesTheLabPrefixAndTheSwitchComesFirst() {
        assertThat(wiring.namespaces()).extracting(Wiring.Ns::name)
                .containsExactly("p2nl1x1-sw", "p2nl1x1-pub", "p2nl1x1-h-a-1", "p2nl1x1-h-a-2", "p2nl1x1-r-a",
                        "p2nl1x1-h-n-1");
        assertThat(wiring.bridgeNamespaces()).containsExactly("p2nl1x1-sw", "p2nl1x1-r-a");
        assertThat(wiring.hostBatch()).allMatch(line -> line.startsWith("netns add p2nl1x1-")
                || line.matches("link add \\S+ netns p2nl1x1-\\S+ type veth peer name \\S+ netns p2nl1x1-\\S+"));
    }

    @Test
    void routerRulesMakeTheirKind() {
        assertThat(RouterRules.router(NatKind.CONE)).contains("-j MASQUERADE\n").doesNotContain("random")
                .doesNotContain("-p udp");
        assertThat(RouterRules.router(NatKind.SYMMETRIC)).contains("-j MASQUERADE --random-fully\n");
        assertThat(RouterRules.router(NatKind.UDP_BLOCKED)).contains("-A FORWARD -i lan -o wan -p udp -j DROP\n");
        assertThat(RouterRules.router(NatKind.CONE)).contains("-A INPUT -i wan -j DROP\n");
        assertThatThrownBy(() -> RouterRules.router(NatKind.NONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void siteNamesAreShortAndPlain() {
        for (String bad : List.of("A", "1a", "toolong12", "a;rm", "a b", "")) {
            assertThatThrownBy(() -> new SiteSpec(bad, NatKind.CONE, 1)).hasMessageContaining("site name");
        }
        assertThatThrownBy(() -> new SiteSpec("a", NatKind.CONE, 0)).hasMessage("hosts: 0 (expected: 1..9)");
        assertThatThrownBy(() -> NatLab.builder().site("a", NatKind.CONE).site("a", NatKind.NONE))
                .hasMessageContaining("not used yet");
    }
}
