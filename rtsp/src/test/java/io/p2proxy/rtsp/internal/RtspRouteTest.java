package io.p2proxy.rtsp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2proxy.common.ResourceAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtspRouteTest {

    private final RtspRoute route = new RtspRoute("rtsp://127.0.0.1:8554", new ResourceAddress("garage", "camera"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "rtsp://127.0.0.1:8554/garage/camera/test, rtsp://127.0.0.1:554/test",
        "rtsp://127.0.0.1:8554/garage/camera/test/, rtsp://127.0.0.1:554/test/",
        "rtsp://127.0.0.1:8554/garage/camera/test/stream=0, rtsp://127.0.0.1:554/test/stream=0",
        "rtsp://127.0.0.1:8554/garage/camera, rtsp://127.0.0.1:554/",
        "rtsp://127.0.0.1:8554/garage/camera/, rtsp://127.0.0.1:554/",
        "rtsp://127.0.0.1:8554/garage/camera?channel=1, rtsp://127.0.0.1:554/?channel=1",
        "RTSP://localhost/garage/camera/a/b?x=1, rtsp://127.0.0.1:554/a/b?x=1",
        "rtsp://user:pw@localhost:8554/garage/camera/live, rtsp://127.0.0.1:554/live",
    })
    void clientUrisReachTheServerUnderTheFixedOrigin(String client, String server) {
        assertThat(route.toServer(client)).isEqualTo(server);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rtsp://127.0.0.1:8554/garage/cameras/test",
        "rtsp://127.0.0.1:8554/laptop/camera/test",
        "rtsp://127.0.0.1:8554/test",
        "http://127.0.0.1:8554/garage/camera/test",
    })
    void urisOfAnotherResourceAreNotMapped(String client) {
        assertThat(route.toServer(client)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "rtsp://127.0.0.1:554/test/, rtsp://127.0.0.1:8554/garage/camera/test/",
        "rtsp://192.168.1.10/test/stream=0, rtsp://127.0.0.1:8554/garage/camera/test/stream=0",
        "rtsp://cam.lan:554, rtsp://127.0.0.1:8554/garage/camera/",
        "stream=0, stream=0",
        "*, *",
    })
    void serverUrisOfAnyHostComeBackInTheClientsForm(String server, String client) {
        assertThat(route.toClient(server)).isEqualTo(client);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rtsp://127.0.0.1:8554/test",
        "rtsp://127.0.0.1:8554/",
        "rtsp://127.0.0.1:8554/Garage/camera/x",
        "rtsp://127.0.0.1:8554/garage/-camera/x",
        "rtsp:///garage/camera",
        "/garage/camera/test",
    })
    void aUriWithoutPeerAndResourceIsABadRequest(String uri) {
        assertThatThrownBy(() -> RtspRoute.parse(uri)).isInstanceOf(RtspRoute.RouteException.class)
                .hasMessageContaining("expected: rtsp://HOST:PORT/PEER/RESOURCE/path");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rtsp://127.0.0.1:8554/garage/camera/test, rtsp://127.0.0.1:8554",
        "rtsp://[::1]:8554/garage/camera, rtsp://[::1]:8554",
        "rtsp://me:secret@host/garage/camera/x, rtsp://host",
    })
    void theClientsOriginIsKeptWithoutUserInfo(String uri, String origin) throws Exception {
        RtspRoute r = RtspRoute.parse(uri);
        assertThat(r.address()).isEqualTo(new ResourceAddress("garage", "camera"));
        assertThat(r.clientOrigin()).isEqualTo(origin);
    }
}
