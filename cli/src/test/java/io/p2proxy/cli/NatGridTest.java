package io.p2proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.natlab.NatKind;
import io.p2proxy.natlab.NatLab;
import io.p2proxy.natlab.NatLabTest;
import io.p2proxy.natlab.NsProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NAT grid (issue 4): per pair of NAT kinds, a fresh lab with the rendezvous server in
 * {@code pub}, peer {@code a} publishing an echo service ({@link NatGridEcho}, in a's namespace),
 * peer {@code b} forwarding 127.0.0.1:9100 to {@code a/echo}, and a client ({@link NatGridClient},
 * in b's namespace) that sends 1 MiB through the forward and hashes both directions. Every
 * process is a real child JVM inside its lab namespace; the lab kills them by pid when it closes.
 *
 * <p>A row reads {@code ASKER–PUBLISHER}: the first kind is b's site (the asking peer, ICE
 * controlling, QUIC client), the second is a's. Expected outcomes:
 * <ul>
 * <li>{@code direct}: the transfer arrives intact and b's {@code GET /status} shows
 *     {@code sessions[0].path == "direct"};</li>
 * <li>{@code relay (not built)}: no ICE pair can work and neither TURN nor relaying through the
 *     server is wired yet, so the client must be reset within the session setup timeout (15 s)
 *     and b must log exactly one line naming the client, the resource and the reason. When relays
 *     land, these rows are to become {@code relay} / {@code turn} (the test fails loudly if such a
 *     row suddenly connects, so the table cannot silently go stale).</li>
 * </ul>
 * Each row prints {@code [measure] ROW OUTCOME N ms}: from the client's connect() to the first
 * echoed byte (or to the reset).
 *
 * <p>{@code -Dnatgrid.rows=cone-cone,none-symmetric} runs only those rows; {@code -Dnatgrid.logs=true}
 * prints every row's client output and peer logs ({@code -Dp2proxy.childLog=DEBUG} for more).
 */
@NatLabTest
class NatGridTest {

    static final String DIRECT = "direct";
    static final String RELAY_NOT_BUILT = "relay (not built)";

    private static final String PUB = "198.18.0.1";
    private static final int ECHO_PORT = 9000;
    private static final int FORWARD_PORT = 9100;
    private static final int ADMIN_PORT = 7070;
    private static final long PAYLOAD = 1L << 20;
    /** PeerNode's session setup timeout. */
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration START = Duration.ofSeconds(30);
    private static final Pattern OUTCOME = Pattern.compile("^(done|reset|reset mid-transfer|eof|timeout) .*");
    private static final Pattern DONE = Pattern.compile("^done sent=(\\S+) received=(\\S+) bytes=(\\d+) ms=(\\d+)$");
    private static final Pattern RESET = Pattern.compile("^reset after (\\d+) ms, 0 bytes received: .*");

    private static final Map<String, String> RESULTS = new ConcurrentHashMap<>();
    private static final List<String> ORDER = new ArrayList<>();

    /** The grid, checked in: asker kind, publisher kind, expected outcome. */
    static Stream<Arguments> grid() {
        String only = System.getProperty("natgrid.rows", "");
        return table().filter(a -> only.isBlank() || List.of(only.split(",")).contains(
                name((NatKind) a.get()[0]) + "-" + name((NatKind) a.get()[1])));
    }

    private static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(NatKind.NONE, NatKind.NONE, DIRECT),
                Arguments.of(NatKind.NONE, NatKind.CONE, DIRECT),
                Arguments.of(NatKind.CONE, NatKind.NONE, DIRECT),
                Arguments.of(NatKind.CONE, NatKind.CONE, DIRECT),
                Arguments.of(NatKind.NONE, NatKind.SYMMETRIC, DIRECT),
                Arguments.of(NatKind.SYMMETRIC, NatKind.NONE, DIRECT),
                // Need a relay (TURN or the server): neither is wired yet.
                Arguments.of(NatKind.CONE, NatKind.SYMMETRIC, RELAY_NOT_BUILT),
                Arguments.of(NatKind.SYMMETRIC, NatKind.SYMMETRIC, RELAY_NOT_BUILT),
                Arguments.of(NatKind.UDP_BLOCKED, NatKind.CONE, RELAY_NOT_BUILT));
    }

    @ParameterizedTest(name = "{0}–{1}: {2}")
    @MethodSource("grid")
    void pairEndsAsTheTableSays(NatKind asker, NatKind publisher, String expected, NatLab.Builder builder,
            @TempDir Path dir) throws Exception {
        String row = name(asker) + "-" + name(publisher);
        synchronized (ORDER) {
            ORDER.add(row);
        }
        RESULTS.put(row, String.format(Locale.ROOT, "%-20s | %-17s | FAILED (see the test's output)", row, expected));
        NatLab lab = builder.site("a", publisher).site("b", asker).build();

        NsProcess server = lab.pub().startJvm("server", Main.class.getName(), logLevel(), List.of("server",
                "--listen", PUB + ":8443", "--stun", PUB + ":3478", "--token", "t", "--admin", PUB + ":7071"));
        NsProcess echo = lab.site("a").host().startJvm("echo-a", NatGridEcho.class.getName(), List.of(),
                List.of(String.valueOf(ECHO_PORT)));
        NsProcess peerA = lab.site("a").host().startJvm("peer-a", Main.class.getName(), logLevel(),
                peer("a", dir, "--publish", "echo=127.0.0.1:" + ECHO_PORT, "--allow", "b"));
        NsProcess peerB = lab.site("b").host().startJvm("peer-b", Main.class.getName(), logLevel(),
                peer("b", dir, "--forward", "127.0.0.1:" + FORWARD_PORT + "=a/echo"));

        List<NsProcess> all = List.of(server, echo, peerA, peerB);
        await(echo, l -> l.startsWith("echo listening on"), all);
        await(peerA, l -> l.contains("logged in to ws://" + PUB), all);
        await(peerB, l -> l.contains("logged in to ws://" + PUB), all);
        String forwardLabel = "forward 127.0.0.1:" + FORWARD_PORT + " -> a/echo";
        await(peerB, l -> l.contains(forwardLabel + ": listening on"), all);

        NsProcess client = lab.site("b").host().startJvm("client-b", NatGridClient.class.getName(), List.of(),
                List.of(String.valueOf(FORWARD_PORT), String.valueOf(PAYLOAD), "42", String.valueOf(ADMIN_PORT)));
        String outcome = client.awaitLine(l -> OUTCOME.matcher(l).matches(), Duration.ofSeconds(60));
        String evidence = evidence(row, client, peerA, peerB);
        if (Boolean.getBoolean("natgrid.logs")) {
            System.out.println(evidence);
        }

        if (expected.equals(DIRECT)) {
            Matcher done = DONE.matcher(outcome);
            assertThat(done.matches()).as("%s: expected a direct transfer, client said: %s%s", row, outcome, evidence)
                    .isTrue();
            assertThat(done.group(2)).as("%s: SHA-256 of the echo%s", row, evidence).isEqualTo(done.group(1));
            assertThat(Long.parseLong(done.group(3))).as("%s: bytes echoed", row).isEqualTo(PAYLOAD);
            long firstByte = Long.parseLong(field(client, "first-byte "));
            JsonNode status = new ObjectMapper().readTree(field(client, "status "));
            JsonNode session = status.path("sessions").path(0);
            assertThat(session.path("peer").asText()).as("%s: b's session%s", row, evidence).isEqualTo("a");
            assertThat(session.path("state").asText()).as("%s: session state%s", row, evidence).isEqualTo("connected");
            assertThat(session.path("path").asText()).as("%s: session path%s", row, evidence).isEqualTo("direct");
            String remote = session.path("remote").asText();
            assertThat(remote).as("%s: the session goes straight to a's public address%s", row, evidence)
                    .startsWith(lab.site("a").publicAddress().getHostAddress() + ":");
            record(row, String.format(Locale.ROOT, "%-20s | %-17s | %5d ms to first byte; 1 MiB intact; remote %s",
                    row, "direct", firstByte, remote));
            System.out.printf(Locale.ROOT, "[measure] %s direct %d ms (%s; remote %s; 1 MiB in %s ms)%n", row, firstByte,
                    phases(client, peerA, peerB), remote, done.group(4));
        } else {
            Matcher reset = RESET.matcher(outcome);
            assertThat(reset.matches())
                    .as("%s: expected the client to be reset (no relay is built yet; if this pair now connects,"
                            + " update the table); client said: %s%s", row, outcome, evidence)
                    .isTrue();
            long resetAfter = Long.parseLong(reset.group(1));
            assertThat(resetAfter).as("%s: reset within the session setup timeout%s", row, evidence)
                    .isLessThanOrEqualTo(SETUP_TIMEOUT.plusSeconds(3).toMillis());
            String prefix = forwardLabel + ": client 127.0.0.1:";
            String line = peerB.awaitLine(l -> l.contains(prefix) && l.contains(" reset: "), Duration.ofSeconds(5));
            assertThat(peerB.linesMatching(0, l -> l.contains(prefix))).as("%s: one line at the asking peer%s", row,
                    evidence).hasSize(1);
            String reason = line.substring(line.indexOf(" reset: ") + " reset: ".length());
            record(row, String.format(Locale.ROOT, "%-20s | %-17s | reset after %5d ms: %s", row, RELAY_NOT_BUILT,
                    resetAfter, reason));
            System.out.printf(Locale.ROOT, "[measure] %s relay (not built): client reset after %d ms (%s)%n", row,
                    resetAfter, reason);
        }
    }

    /** Waits for a line; when it does not come, fails with every process's output. */
    private static void await(NsProcess process, Predicate<String> line, List<NsProcess> all) {
        try {
            process.awaitLine(line, START);
        } catch (ConditionTimeoutException e) {
            StringBuilder out = new StringBuilder(process.name() + " did not print the expected line within " + START);
            all.forEach(p -> out.append("\n--- ").append(p.name()).append(" (alive: ").append(p.isAlive())
                    .append("):\n").append(p.output()));
            throw new AssertionError(out.toString(), e);
        }
    }

    /**
     * When, after the client's connect, each side's ICE selected a pair (b controls, a is controlled)
     * and b's QUIC connection was authenticated.
     */
    private static String phases(NsProcess client, NsProcess peerA, NsProcess peerB) {
        LocalTime connect = LocalTime.parse(field(client, "connect-at "));
        return "ICE selected at b +" + since(connect, peerB, l -> l.contains("IceAgent: ICE selected"))
                + " ms, at a +" + since(connect, peerA, l -> l.contains("IceAgent: ICE selected"))
                + " ms, QUIC up +" + since(connect, peerB, l -> l.contains("PeerSession: session with a (")
                && l.contains(") connected: ")) + " ms";
    }

    private static String since(LocalTime connect, NsProcess process, Predicate<String> line) {
        return process.linesMatching(0, line).stream().findFirst()
                .map(l -> String.valueOf(Duration.between(connect, LocalTime.parse(l.substring(0, 12))).toMillis()))
                .orElse("?");
    }

    private static void record(String row, String line) {
        RESULTS.put(row, line);
    }

    @AfterAll
    static void printGrid() {
        System.out.println("[grid] asker-publisher     | outcome           | measured");
        synchronized (ORDER) {
            ORDER.forEach(row -> System.out.println("[grid] " + RESULTS.get(row)));
        }
    }

    private static String name(NatKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> logLevel() {
        return List.of("-DP2PROXY_LOG=" + System.getProperty("p2proxy.childLog", "INFO"));
    }

    private static List<String> peer(String name, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("peer", "--name", name, "--server", "ws://" + PUB + ":8443",
                "--token", "t", "--key", dir.resolve(name + ".key").toString(), "--admin", "127.0.0.1:" + ADMIN_PORT));
        args.addAll(List.of(more));
        return args;
    }

    /** The value after {@code prefix} on the client's first line that starts with it. */
    private static String field(NsProcess client, String prefix) {
        return client.linesMatching(0, l -> l.startsWith(prefix)).stream().findFirst()
                .map(l -> l.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("client printed no '" + prefix + "' line:\n" + client.output()));
    }

    /** What to show when a row goes wrong: the client's lines and both peers' logs. */
    private static String evidence(String row, NsProcess client, NsProcess peerA, NsProcess peerB) {
        return "\n--- " + row + " client:\n" + client.output() + "\n--- peer b (asking):\n" + peerB.output()
                + "\n--- peer a (publishing):\n" + peerA.output();
    }
}
