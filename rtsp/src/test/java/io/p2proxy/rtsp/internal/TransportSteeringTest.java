package io.p2proxy.rtsp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportSteeringTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "REFUSED", value = {
        "RTP/AVP/TCP;unicast;interleaved=0-1 | RTP/AVP/TCP;unicast;interleaved=0-1",
        "RTP/AVP;unicast;client_port=5000-5001 | REFUSED",
        "RTP/AVP/UDP;unicast;client_port=5000-5001 | REFUSED",
        "RTP/AVP;multicast;ttl=127 | REFUSED",
        "RTP/AVP;unicast;client_port=5000-5001,RTP/AVP/TCP;unicast | RTP/AVP/TCP;unicast",
        "rtp/avpf/tcp;interleaved=2-3, RTP/AVP;unicast | rtp/avpf/tcp;interleaved=2-3",
        "RTP/SAVP/TCP;interleaved=0-1,RTP/AVP/TCP;interleaved=0-1 | RTP/SAVP/TCP;interleaved=0-1,RTP/AVP/TCP;interleaved=0-1",
    })
    void onlyInterleavedTransportsAreOffered(String asked, String forwarded) {
        assertThat(TransportSteering.interleavedOnly(asked)).isEqualTo(forwarded);
    }
}
