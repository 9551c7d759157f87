package io.p2proxy.stun;

import io.p2proxy.testkit.ExternalTools;
import io.p2proxy.testkit.FreePort;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.common.HostPort;
import io.p2proxy.common.NamedThreadFactory;
import io.p2proxy.common.Transports;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our server against coturn's turnutils_stunclient and Debian's stun client, and our client
 * against a coturn turnserver, all on 127.0.0.1. Mapped addresses are checked exactly: the
 * address and port the server really saw the request come from.
 */
class InteropTest {

    private static final Pattern TURNUTILS = Pattern.compile("reflexive addr:\\s*([0-9.]+):(\\d+)");
    private static final Pattern DEBIAN_STUN = Pattern.compile("mappedAddr=([0-9.]+):(\\d+)");

    private static EventLoopGroup group;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startGroup() {
        group = Transports.group(1, NamedThreadFactory.of("stun-interop"));
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void turnutilsStunclientLearnsItsRealSourceFromOurServer() throws Exception {
        Path tool = ExternalTools.require("turnutils_stunclient", "coturn");
        RecordingSenders senders = new RecordingSenders();
        try (StunServer server = StunServer.start(group, List.of(new HostPort("127.0.0.1", 0)), "p2proxy test",
                senders)) {
            int port = server.addresses().get(0).getPort();
            String output = ExternalTools.run(List.of(tool.toString(), "-p", Integer.toString(port), "127.0.0.1"),
                    20, tmp);
            InetSocketAddress mapped = parse(TURNUTILS, output);
            assertThat(mapped.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(senders.seen).as("sources our server saw").contains(mapped);
        }
    }

    @Test
    void debianStunClientLearnsItsRealSourceFromOurServer() throws Exception {
        Path tool = ExternalTools.require("stun", "stun-client");
        RecordingSenders senders = new RecordingSenders();
        try (StunServer server = StunServer.start(group, List.of(new HostPort("127.0.0.1", 0)), "p2proxy test",
                senders)) {
            int port = server.addresses().get(0).getPort();
            int source = FreePort.udp();
            // Test 1 only: a plain RFC 3489 Binding request, printed with -v.
            String output = ExternalTools.run(List.of(tool.toString(), "127.0.0.1:" + port, "1", "-v",
                    "-p", Integer.toString(source)), 20, tmp);
            InetSocketAddress mapped = parse(DEBIAN_STUN, output);
            assertThat(mapped).isEqualTo(new InetSocketAddress("127.0.0.1", source));
            assertThat(senders.seen).contains(mapped);
        }
    }

    @Test
    void ourClientLearnsItsExactAddressFromCoturn() throws Exception {
        Path turnserver = ExternalTools.require("turnserver", "coturn");
        int port = FreePort.udp();
        int altPort = FreePort.udp();
        Path log = tmp.resolve("turn.log");
        Process coturn = new ProcessBuilder(turnserver.toString(), "--no-tls", "--no-dtls", "--stun-only",
                "--no-cli", "--listening-ip=127.0.0.1", "--listening-port=" + port,
                "--alt-listening-port=" + altPort, "--log-file=" + log, "--simple-log",
                "--pidfile=" + tmp.resolve("turn.pid"), "--userdb=" + tmp.resolve("turndb"))
                .directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("turn.out").toFile()).start();
        Channel socket = new Bootstrap().group(group).channel(Transports.datagram())
                .handler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        try (StunClient client = StunClient.attach(socket)) {
            // No readiness probe: the first sends may reach a port nobody listens on yet, and the
            // RFC retransmission schedule (0, 0.5, 1.5, 3.5 s, ...) covers coturn's start-up.
            StunMessage response = client.send(new InetSocketAddress("127.0.0.1", port),
                    StunMessage.request(StunMethod.BINDING)).get(40, TimeUnit.SECONDS);
            assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(response.attribute(StunAttribute.XorMappedAddress.class))
                    .contains(new StunAttribute.XorMappedAddress((InetSocketAddress) socket.localAddress()));
            assertThat(response.attribute(StunAttribute.Software.class)).as("coturn names itself").isPresent();
        } catch (Exception | AssertionError e) {
            throw new AssertionError("coturn output:\n" + read(tmp.resolve("turn.out")) + read(log), e);
        } finally {
            socket.close().syncUninterruptibly();
            ExternalTools.stop(coturn);
        }
    }

    private static String read(Path path) throws java.io.IOException {
        return Files.exists(path) ? Files.readString(path) : "";
    }

    private static InetSocketAddress parse(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        assertThat(m.find()).as("a mapped address in:\n%s", output).isTrue();
        return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** Remembers the source of every datagram the server receives, then passes it on. */
    @Sharable
    private static final class RecordingSenders extends ChannelInboundHandlerAdapter {
        final Set<InetSocketAddress> seen = ConcurrentHashMap.newKeySet();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DatagramPacket packet) {
                seen.add(packet.sender());
            }
            ctx.fireChannelRead(msg);
        }
    }
}
