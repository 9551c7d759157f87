package io.p2proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.natlab.NatLab;
import io.p2proxy.natlab.NsProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Two sites of a NAT lab wired as a user would: the server in pub, an echo service and peer a
 * (publishing it) at site a, peer b (forwarding 127.0.0.1:9100 to a/echo) at site b, each a real
 * process in its namespace; clients are {@link NatGridClient} processes at site b.
 */
final class LabRig {

    static final String PUB = "198.18.0.1";
    static final int ECHO_PORT = 9000;
    static final int FORWARD_PORT = 9100;
    static final int ADMIN_PORT = 7070;
    static final Duration START = Duration.ofSeconds(30);
    private static final Pattern DONE = Pattern.compile("^done sent=(\\S+) received=(\\S+) bytes=(\\d+) ms=(\\d+)$");

    final NatLab lab;
    final NsProcess peerA;
    final NsProcess peerB;

    /** {@code tuning}: JVM options ({@code -D...}) for every process, and peer flags ({@code --...}) for both peers. */
    LabRig(NatLab lab, Path dir, String... tuning) {
        this.lab = lab;
        List<String> jvm = new ArrayList<>(List.of("-DP2PROXY_LOG=INFO", "-DP2PROXY_TEST_LOG=INFO"));
        List<String> flags = new ArrayList<>();
        for (String t : tuning) {
            (t.startsWith("--") ? flags : jvm).add(t);
        }
        NsProcess server = lab.pub().startJvm("server", Main.class.getName(), jvm, List.of("server",
                "--listen", PUB + ":8443", "--stun", PUB + ":3478", "--token", "t", "--admin", PUB + ":7071"));
        NsProcess echo = lab.site("a").host().startJvm("echo-a", NatGridEcho.class.getName(), List.of(),
                List.of(String.valueOf(ECHO_PORT)));
        peerA = lab.site("a").host().startJvm("peer-a", Main.class.getName(), jvm,
                peer("a", dir, flags, "--publish", "echo=127.0.0.1:" + ECHO_PORT, "--allow", "b"));
        peerB = lab.site("b").host().startJvm("peer-b", Main.class.getName(), jvm,
                peer("b", dir, flags, "--forward", "127.0.0.1:" + FORWARD_PORT + "=a/echo"));
        echo.awaitLine(l -> l.startsWith("echo listening on"), START);
        peerA.awaitLine(l -> l.contains("logged in to ws://" + PUB), START);
        peerB.awaitLine(l -> l.contains("logged in to ws://" + PUB), START);
        peerB.awaitLine(l -> l.contains("forward 127.0.0.1:" + FORWARD_PORT + " -> a/echo: listening on"), START);
    }

    NsProcess client(long bytes) {
        return lab.site("b").host().startJvm("client-b", NatGridClient.class.getName(), List.of(),
                List.of(String.valueOf(FORWARD_PORT), String.valueOf(bytes), "17", String.valueOf(ADMIN_PORT)));
    }

    /** Starts a hashed echo of {@code bytes} and returns once b received {@code under} bytes of it. */
    NsProcess transferUnderWay(long bytes, long under) {
        NsProcess client = client(bytes);
        client.awaitLine(l -> l.startsWith("first-byte "), START);
        awaitReceived(under, client);
        return client;
    }

    /** The client's last word: done, reset, eof or timeout. */
    static String awaitEnd(NsProcess client, Duration timeout) {
        return client.awaitLine(l -> l.startsWith("done ") || l.startsWith("reset") || l.startsWith("eof")
                || l.startsWith("timeout"), timeout);
    }

    /** b's session with a, from b's GET /status. */
    JsonNode status() throws Exception {
        String body = lab.site("b").host().exec("curl", "-s", "http://127.0.0.1:" + ADMIN_PORT + "/status");
        return new ObjectMapper().readTree(body).path("sessions").path(0);
    }

    /** Waits until the transfer is well under way: b received this many bytes on the session. */
    void awaitReceived(long bytes, NsProcess client) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> status().path("bytes_received").asLong() >= bytes || !client.isAlive());
    }

    void assertIntact(String done, long bytes, NsProcess client) {
        Matcher m = DONE.matcher(done);
        assertThat(m.matches()).as("the transfer finished, client said: %s%s", done, evidence(client)).isTrue();
        assertThat(m.group(2)).as("SHA-256 of what came back").isEqualTo(m.group(1));
        assertThat(Long.parseLong(m.group(3))).isEqualTo(bytes);
    }

    /** The path lines of b's log, for the record: when each move happened. */
    void measure(String what, String done) {
        System.out.println("[measure] " + what + ": " + done);
        peerB.linesMatching(0, l -> l.contains("SessionPath") || l.contains("path now") || l.contains("ICE "))
                .forEach(l -> System.out.println("[measure]   b: " + l));
    }

    String evidence(NsProcess client) {
        return "\n--- client:\n" + client.output() + "\n--- peer b:\n" + peerB.output() + "\n--- peer a:\n"
                + peerA.output();
    }

    /** A peer's command line: name, the lab's server and token, key in {@code dir}, admin on 127.0.0.1:7070. */
    static List<String> peer(String name, Path dir, List<String> flags, String... more) {
        List<String> args = new ArrayList<>(List.of("peer", "--name", name, "--server", "ws://" + PUB + ":8443",
                "--token", "t", "--key", dir.resolve(name + ".key").toString(), "--admin",
                "127.0.0.1:" + ADMIN_PORT));
        args.addAll(flags);
        args.addAll(List.of(more));
        return args;
    }
}
