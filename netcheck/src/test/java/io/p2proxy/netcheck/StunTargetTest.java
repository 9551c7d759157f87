package io.p2proxy.netcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2proxy.common.HostPort;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class StunTargetTest {

    @Test
    void hostsPortsAndServerUrlsAllNameAStunAddress() {
        assertThat(StunTarget.parse("198.18.0.1")).isEqualTo(new HostPort("198.18.0.1", 3478));
        assertThat(StunTarget.parse("198.18.0.1:3479")).isEqualTo(new HostPort("198.18.0.1", 3479));
        assertThat(StunTarget.parse("example.org")).isEqualTo(new HostPort("example.org", 3478));
        assertThat(StunTarget.parse("ws://198.18.0.1:8443")).isEqualTo(new HostPort("198.18.0.1", 3478));
        assertThat(StunTarget.parse("wss://relay.example.org/v1/signal")).isEqualTo(new HostPort("relay.example.org", 3478));
        assertThat(StunTarget.parse("WS://[::1]:8443")).isEqualTo(new HostPort("::1", 3478));
        assertThat(StunTarget.parse("stun:198.18.0.1:3480")).isEqualTo(new HostPort("198.18.0.1", 3480));
        assertThat(StunTarget.parse("[::1]:3479")).isEqualTo(new HostPort("::1", 3479));
        assertThat(StunTarget.parse("[::1]")).isEqualTo(new HostPort("::1", 3478));
        assertThat(StunTarget.parse("::1")).isEqualTo(new HostPort("::1", 3478));
    }

    @Test
    void garbageIsRejectedWithWhatWasExpected() {
        for (String bad : new String[] {"", "http://x:1", "ws://", "host:99999", "host:", "bad host", "ho$t:1"}) {
            assertThatThrownBy(() -> StunTarget.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("(expected: HOST[:PORT], ws://HOST[:PORT] or wss://HOST[:PORT])");
        }
    }

    @Property
    void anyTextEitherNamesATargetOrIsRejectedWithAMessage(@ForAll String text) {
        try {
            HostPort target = StunTarget.parse(text);
            assertThat(target.port()).isBetween(0, 65535);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).endsWith("(expected: HOST[:PORT], ws://HOST[:PORT] or wss://HOST[:PORT])");
        }
    }
}
