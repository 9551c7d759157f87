package io.p2proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.ice.IceConfig;
import io.p2proxy.session.internal.AgentPath;
import io.p2proxy.session.internal.IcePath;
import io.p2proxy.testkit.Transfers;
import org.junit.jupiter.api.Test;

/** Every case of {@link SessionEndToEndTest}, on real ICE (host candidates on 127.0.0.1, checks, nomination). */
class SessionEndToEndWithIceTest extends SessionEndToEndTest {

    @Override
    IcePath.Factory ice() {
        return AgentPath.factory(IceConfig.defaults());
    }

    @Test
    void theSessionReportsADirectPathWithItsRemoteAddress() {
        Transfers.Result r = Transfers.echo(peers.forwardAddress(), 1 << 16, 3);
        assertThat(r.received()).isEqualTo(r.sent());
        SessionSnapshot s = peers.laptop.sessions().get(0);
        assertThat(s.peer()).isEqualTo("garage");
        assertThat(s.path()).isEqualTo("direct");
        assertThat(s.remote()).startsWith("127.0.0.1:");
        assertThat(s.id()).isEqualTo(peers.garageId.id().value());
    }
}
