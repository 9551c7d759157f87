package io.p2proxy.netcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.netcheck.MappingBehavior.Kind;
import io.p2proxy.netcheck.MappingBehavior.Observation;
import java.net.InetSocketAddress;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** RFC 4787 §4.1 classification from the observations, as RFC 5780 §4.3 tests it. */
class MappingBehaviorTest {

    private static final InetSocketAddress PRIMARY = address("198.18.0.1", 3478);
    private static final InetSocketAddress OTHER_PORT = address("198.18.0.1", 3479);
    private static final InetSocketAddress OTHER_IP = address("198.18.0.2", 3478);
    private static final InetSocketAddress OTHER_BOTH = address("198.18.0.2", 3479);
    private static final InetSocketAddress M1 = address("198.18.0.11", 40000);
    private static final InetSocketAddress M2 = address("198.18.0.11", 40001);
    private static final InetSocketAddress M3 = address("198.18.0.11", 40002);

    @Test
    void oneObservationIsUnknown() {
        assertThat(kind(new Observation(PRIMARY, M1))).isEqualTo(Kind.UNKNOWN);
        assertThat(MappingBehavior.classify(List.of()).kind()).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void sameMappingForTwoPortsIsEndpointIndependentOnThePortTestAlone() {
        MappingBehavior m = MappingBehavior.classify(List.of(new Observation(PRIMARY, M1), new Observation(OTHER_PORT, M1)));
        assertThat(m.kind()).isEqualTo(Kind.ENDPOINT_INDEPENDENT);
        assertThat(m.basis()).contains("no second server address");
    }

    @Test
    void anotherMappingForAnotherPortIsAddressAndPortDependent() {
        assertThat(kind(new Observation(PRIMARY, M1), new Observation(OTHER_PORT, M2)))
                .isEqualTo(Kind.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(kind(new Observation(PRIMARY, M1), new Observation(OTHER_PORT, M2), new Observation(OTHER_IP, M3)))
                .isEqualTo(Kind.ADDRESS_AND_PORT_DEPENDENT);
    }

    @Test
    void samePortsButAnotherAddressChangesItIsAddressDependent() {
        assertThat(kind(new Observation(PRIMARY, M1), new Observation(OTHER_PORT, M1), new Observation(OTHER_IP, M2)))
                .isEqualTo(Kind.ADDRESS_DEPENDENT);
    }

    @Test
    void onlyAnotherAddressThatChangesItCannotTellWhichDependence() {
        assertThat(kind(new Observation(PRIMARY, M1), new Observation(OTHER_BOTH, M2)))
                .isEqualTo(Kind.ADDRESS_OR_PORT_DEPENDENT);
        assertThat(kind(new Observation(PRIMARY, M1), new Observation(OTHER_BOTH, M1)))
                .isEqualTo(Kind.ENDPOINT_INDEPENDENT);
    }

    @Property
    void oneMappingEverywhereIsNeverDestinationDependent(@ForAll @IntRange(min = 1, max = 3) int others,
            @ForAll boolean withAddress) {
        List<Observation> observations = new java.util.ArrayList<>(List.of(new Observation(PRIMARY, M1)));
        for (int i = 0; i < others; i++) {
            observations.add(new Observation(withAddress && i == 0 ? OTHER_IP : address("198.18.0.1", 3479 + i), M1));
        }
        assertThat(MappingBehavior.classify(observations).kind()).isEqualTo(Kind.ENDPOINT_INDEPENDENT);
    }

    @Property
    void aChangeOnAnotherPortOfTheSameAddressIsAlwaysAddressAndPortDependent(@ForAll @IntRange(min = 1, max = 65535) int port,
            @ForAll @IntRange(min = 1, max = 65535) int mappedPort) {
        InetSocketAddress to = address("198.18.0.1", port == 3478 ? 3479 : port);
        InetSocketAddress mapped = address("198.18.0.11", mappedPort == 40000 ? 40001 : mappedPort);
        assertThat(kind(new Observation(PRIMARY, M1), new Observation(to, mapped)))
                .isEqualTo(Kind.ADDRESS_AND_PORT_DEPENDENT);
    }

    private static Kind kind(Observation... observations) {
        return MappingBehavior.classify(List.of(observations)).kind();
    }

    private static InetSocketAddress address(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }
}
