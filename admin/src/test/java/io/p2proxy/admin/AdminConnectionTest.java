package io.p2proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import io.p2proxy.testkit.Fds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Raw-socket tests: keep-alive, close ending open connections, nothing left behind. */
class AdminConnectionTest {

    private static final String GET = "GET /status HTTP/1.1\r\nHost: x\r\n\r\n";

    @Test
    void keepAliveAnswersPipelinedRequestsOnOneConnection() throws Exception {
        EventLoopGroup group = Transports.group(1, NamedThreadFactory.of("admin-ka"));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (AdminServer server = AdminServer.start(group, HostPort.parse("127.0.0.1:0"), () -> "ok", registry);
             Socket socket = new Socket("127.0.0.1", server.localAddress().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((GET + GET).getBytes(StandardCharsets.US_ASCII));

            String both = readAtLeast(socket.getInputStream(), 2, "HTTP/1.1 200 OK");

            assertThat(both.split("HTTP/1.1 200 OK", -1)).hasSize(3);
            assertThat(both).doesNotContainIgnoringCase("connection: close");
        } finally {
            registry.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void closeEndsOpenConnectionsAndLeavesNoThreadOrDescriptor() throws Exception {
        serveOneRequestThenClose("admin-warm"); // loads classes and opens jars once, before the baseline
        long fdsBefore = Fds.count();

        serveOneRequestThenClose("admin-close");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("p2proxy-admin-close"));
            assertThat(Fds.count()).isLessThanOrEqualTo(fdsBefore);
        });
    }

    private static void serveOneRequestThenClose(String threads) throws Exception {
        EventLoopGroup group = Transports.group(1, NamedThreadFactory.of(threads));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AdminServer server = AdminServer.start(group, HostPort.parse("127.0.0.1:0"), () -> "ok", registry);
        try (Socket socket = new Socket("127.0.0.1", server.localAddress().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
            readAtLeast(socket.getInputStream(), 1, "HTTP/1.1 200 OK");

            server.close();

            assertThat(drain(socket.getInputStream())).isEqualTo(-1);
        } finally {
            server.close();
            registry.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Reads until {@code marker} has been seen {@code times} times. */
    private static String readAtLeast(InputStream in, int times, String marker) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (true) {
            String text = out.toString(StandardCharsets.US_ASCII);
            if (text.split(marker, -1).length > times && text.endsWith("\"ok\"")) {
                return text;
            }
            int n = in.read(buf);
            if (n < 0) {
                return text;
            }
            out.write(buf, 0, n);
        }
    }

    private static int drain(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
        } while (b >= 0);
        return b;
    }
}
