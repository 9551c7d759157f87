package io.p2proxy.rtsp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.common.ResourceAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriRewriterTest {

    private final RtspRoute route = new RtspRoute("rtsp://127.0.0.1:8554", new ResourceAddress("garage", "camera"));

    private static RtspMessage response(String name, String value) {
        return new RtspMessage("RTSP/1.0 200 OK", List.of(new RtspMessage.Header("CSeq", "3"),
                new RtspMessage.Header(name, value)), null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Content-Base | rtsp://127.0.0.1:554/test/ | rtsp://127.0.0.1:8554/garage/camera/test/",
        "content-location | rtsp://10.0.0.5/test | rtsp://127.0.0.1:8554/garage/camera/test",
        "Location | rtsp://10.0.0.5:8554/other | rtsp://127.0.0.1:8554/garage/camera/other",
        "RTP-Info | url=rtsp://127.0.0.1:554/test/stream=0;seq=1;rtptime=2 | url=rtsp://127.0.0.1:8554/garage/camera/test/stream=0;seq=1;rtptime=2",
        "RTP-Info | url=rtsp://a/t/s=0;seq=1,url=rtsp://a/t/s=1;seq=9 | url=rtsp://127.0.0.1:8554/garage/camera/t/s=0;seq=1,url=rtsp://127.0.0.1:8554/garage/camera/t/s=1;seq=9",
        "RTP-Info | url=\"rtsp://a/t/s=0\";seq=1 | url=\"rtsp://127.0.0.1:8554/garage/camera/t/s=0\";seq=1",
        "RTP-Info | url=stream=0;seq=1 | url=stream=0;seq=1",
        "Session | rtsp://127.0.0.1:554/x | rtsp://127.0.0.1:554/x",
    })
    void uriHeadersComeBackInTheClientsForm(String name, String server, String client) {
        RtspMessage out = UriRewriter.rewrite(response(name, server), route::toClient);
        assertThat(out.header(name)).isEqualTo(client);
        assertThat(out.header("CSeq")).isEqualTo("3");
    }

    @Test
    void absoluteControlUrisInSdpAreRewrittenAndContentLengthFollows() {
        String sdp = "v=0\r\na=control:rtsp://192.168.1.10/test\r\nm=video 0 RTP/AVP 96\r\na=control:stream=0\r\n"
                + "m=audio 0 RTP/AVP 97\r\na=control: rtsp://192.168.1.10/test/track2\r\n";
        byte[] body = sdp.getBytes(StandardCharsets.US_ASCII);
        RtspMessage m = new RtspMessage("RTSP/1.0 200 OK", List.of(new RtspMessage.Header("Content-Type", "application/sdp"),
                new RtspMessage.Header("Content-Length", Integer.toString(body.length))), body);
        RtspMessage out = UriRewriter.rewrite(m, route::toClient);
        String text = new String(out.body(), StandardCharsets.US_ASCII);
        assertThat(text).contains("a=control:rtsp://127.0.0.1:8554/garage/camera/test\r\n", "a=control:stream=0\r\n",
                "a=control: rtsp://127.0.0.1:8554/garage/camera/test/track2\r\n");
        assertThat(out.header("Content-Length")).isEqualTo(Integer.toString(out.body().length));
    }

    @Test
    void aMessageWithoutUrisIsTheSameObject() {
        RtspMessage m = response("Session", "12345;timeout=60");
        assertThat(UriRewriter.rewrite(m, route::toClient)).isSameAs(m);
    }
}
