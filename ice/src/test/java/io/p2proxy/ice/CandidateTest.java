package io.p2proxy.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 8839 §5.1 string form: what parses to what, and what is refused. */
class CandidateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            candidate:1 1 UDP 2130706431 192.0.2.1 50000 typ host                                  | 1 | UDP | 2130706431 | 192.0.2.1:50000   | HOST             |
            candidate:abc 1 udp 1694498815 198.51.100.7 61000 typ srflx raddr 10.0.0.2 rport 50000 | abc | UDP | 1694498815 | 198.51.100.7:61000 | SERVER_REFLEXIVE | 10.0.0.2:50000
            candidate:x+/9 1 UDP 1862270975 10.1.2.3 1 typ prflx                                   | x+/9 | UDP | 1862270975 | 10.1.2.3:1       | PEER_REFLEXIVE   |
            candidate:7 1 P2PROXY-RELAY 16777215 203.0.113.9 443 typ relay raddr 0.0.0.0 rport 0   | 7 | P2PROXY-RELAY | 16777215 | 203.0.113.9:443 | RELAY | 0.0.0.0:0
            candidate:1 1 UDP 2130706431 192.0.2.1 50000 typ host generation 0 network-id 1        | 1 | UDP | 2130706431 | 192.0.2.1:50000   | HOST             |
            candidate:1 1 UDP 2130706431 2001:db8:0:0:0:0:0:1 9 typ host                          | 1 | UDP | 2130706431 | [2001:db8::1]:9   | HOST             |
            """)
    void parsesTheRfc8839Form(String text, String foundation, String transport, long priority, String address,
            CandidateType type, String related) throws IceException {
        Candidate c = Candidate.parse(text);
        assertThat(c.foundation()).isEqualTo(foundation);
        assertThat(c.component()).isEqualTo(1);
        assertThat(c.transport().token()).isEqualTo(transport);
        assertThat(c.priority()).isEqualTo(priority);
        assertThat(c.address()).isEqualTo(address(address));
        assertThat(c.type()).isEqualTo(type);
        assertThat(c.relatedAddress()).isEqualTo(related == null ? null : address(related));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "1 1 UDP 2130706431 192.0.2.1 50000 typ host",                        // no prefix
        "a=candidate:1 1 UDP 2130706431 192.0.2.1 50000 typ host",            // SDP line, not the value
        "candidate:1 1 UDP 2130706431 192.0.2.1 50000 typ",                   // no type
        "candidate:1 1 UDP 2130706431 192.0.2.1 50000 type host",
        "candidate:1 1 UDP 2130706431 192.0.2.1 50000 typ bogus",
        "candidate:1 0 UDP 2130706431 192.0.2.1 50000 typ host",              // component 0
        "candidate:1 257 UDP 2130706431 192.0.2.1 50000 typ host",
        "candidate:1 1 UDP 0 192.0.2.1 50000 typ host",                       // priority 0
        "candidate:1 1 UDP 2147483648 192.0.2.1 50000 typ host",              // 2^31
        "candidate:1 1 UDP -5 192.0.2.1 50000 typ host",
        "candidate:1 1 UDP 2130706431 192.0.2.1 65536 typ host",
        "candidate:1 1 UDP 2130706431 192.0.2.1 +1 typ host",
        "candidate:1 1 UDP 2130706431 example.org 50000 typ host",            // names need DNS
        "candidate:1 1 UDP 2130706431 abcd.local 50000 typ host",             // mDNS
        "candidate:1 1 UDP 2130706431 1.2.3 50000 typ host",
        "candidate:1 1 UDP 2130706431 01.2.3.4 50000 typ host",
        "candidate:1 1 UDP 2130706431 256.2.3.4 50000 typ host",
        "candidate:1 1 UDP 2130706431 fe80::1%eth0 50000 typ host",
        "candidate:1 1 UDP 2130706431 :::: 50000 typ host",
        "candidate:1 1 UDP 2130706431 .:1 50000 typ host",
        "candidate:1  1 UDP 2130706431 192.0.2.1 50000 typ host",             // double space
        "candidate:1 1 UDP 2130706431 192.0.2.1 50000 typ host ",
        "candidate:1 1 UDP 2130706431 192.0.2.1 50000 typ host raddr 1.2.3.4 rport 5", // host with raddr
        "candidate:1 1 UDP 1694498815 192.0.2.1 50000 typ srflx raddr 1.2.3.4",
        "candidate:1 1 UDP 1694498815 192.0.2.1 50000 typ srflx rport 5 raddr 1.2.3.4",
        "candidate:1 1 UDP 2130706431 192.0.2.1 50000 typ host generation",  // extension without value
        "candidate:f_o 1 UDP 2130706431 192.0.2.1 50000 typ host",            // '_' is not an ice-char
        "candidate:123456789012345678901234567890123 1 UDP 2130706431 192.0.2.1 50000 typ host",
        "candidate:1 1 U%P 2130706431 192.0.2.1 50000 typ host",
    })
    void refusesAnythingElseWithAMessageNamingTheExpectation(String text) {
        assertThatThrownBy(() -> Candidate.parse(text))
                .isInstanceOfSatisfying(IceException.class, e -> assertThat(e.reason()).isEqualTo(IceException.Reason.MALFORMED))
                .hasMessageContaining("expected: ");
    }

    @ParameterizedTest
    @CsvSource({"abc, 0123456789012345678901", "abcd, 012345678901234567890"})
    void credentialsFollowTheRfcSizes(String ufrag, String pwd) {
        assertThatThrownBy(() -> new IceCredentials(ufrag, pwd)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void randomCredentialsHaveEnoughEntropyAndDiffer() {
        IceCredentials a = IceCredentials.random();
        IceCredentials b = IceCredentials.random();
        assertThat(a.ufrag()).hasSize(8);
        assertThat(a.pwd()).hasSize(24);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.toString()).doesNotContain(a.pwd());
    }

    private static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(text.substring(colon + 1)));
    }
}
