package io.p2proxy.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.common.HostPort;
import io.p2proxy.common.Identity;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.signal.SignalClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The welcome tells a peer where the server's STUN responder answers. */
class StunAdvertTest {

    private static List<HostPort> advertised(String stunHost, String publicAddress) throws Exception {
        ServerConfig config = new ServerConfig(null, new HostPort("127.0.0.1", 0), List.of(new HostPort(stunHost, 0)),
                publicAddress, TestServers.TOKEN, null, false, null);
        try (RendezvousServer server = RendezvousServer.start(config);
             SignalClient c = TestServers.client(server, "asker", Identity.generate(), new RecordingListener(), null)
                     .build().start()) {
            TwoPeers.awaitConnected(c);
            assertThat(server.stunAddresses()).hasSize(1);
            assertThat(c.welcome().relay()).isFalse();
            int port = server.stunAddresses().get(0).getPort();
            assertThat(c.welcome().stun()).extracting(HostPort::port).containsExactly(port);
            return c.welcome().stun();
        }
    }

    @Test
    void aBoundAddressIsAdvertisedAsBound() throws Exception {
        assertThat(advertised("127.0.0.1", null)).extracting(HostPort::host).containsExactly("127.0.0.1");
    }

    @Test
    void aWildcardIsFilledInWithTheAddressThePeerDialed() throws Exception {
        assertThat(advertised("0.0.0.0", null)).extracting(HostPort::host).containsExactly("127.0.0.1");
    }

    @Test
    void thePublicAddressWinsWhenConfigured() throws Exception {
        assertThat(advertised("0.0.0.0", "198.18.0.1")).extracting(HostPort::host).containsExactly("198.18.0.1");
    }
}
