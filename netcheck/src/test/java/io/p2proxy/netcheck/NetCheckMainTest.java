package io.p2proxy.netcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetCheckMainTest {

    @Test
    void badUsageIsTwoAndAnUnknownHostIsOne() {
        assertThat(NetCheckMain.run(new String[0])).isEqualTo(2);
        assertThat(NetCheckMain.run(new String[] {"bad host:1"})).isEqualTo(2);
        assertThat(NetCheckMain.run(new String[] {"no-such-host.invalid:3478"})).isEqualTo(1);
    }
}
