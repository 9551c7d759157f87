package io.p2proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.natlab.NatKind;
import io.p2proxy.natlab.NatLab;
import io.p2proxy.natlab.NatLabTest;
import io.p2proxy.natlab.NsProcess;
import io.p2proxy.testkit.Coturn;
import java.nio.file.Files;
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
 *     {@code sessions[0].path == "direct"}, to a's public address;</li>
 * <li>{@code turn}: rows marked {@code +turn} run a real coturn in {@code pub} and give both peers a
 *     {@code [[turn]]} entry, over UDP ({@code +turn}) or over TCP ({@code +turn-tcp}: the client
 *     reaches coturn over TCP, the relayed address is UDP); the transfer arrives intact over a pair
 *     with a relay candidate;</li>
 * <li>{@code relay}: no ICE pair can work and no TURN is configured: the datagrams travel through the
 *     rendezvous server over the peers' WebSocket connections; the transfer arrives intact.</li>
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
    static final String TURN = "turn";
    static final String RELAY = "relay";
    /** coturn listens on both UDP and TCP on this port. */
    private static final int TURN_PORT = 3479;
    private static final String NO_TURN = "";
    private static final String TURN_UDP = "udp";
    private static final String TURN_TCP = "tcp";

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

    private static final Map<String, String> RESULTS = new ConcurrentHashMap<>();
    private static final List<String> ORDER = new ArrayList<>();

    /** The grid, checked in: asker kind, publisher kind, TURN transport ("" for none), expected outcome. */
    static Stream<Arguments> grid() {
        String only = System.getProperty("natgrid.rows", "");
        return table().filter(a -> only.isBlank() || List.of(only.split(",")).contains(rowName(a.get())));
    }

    private static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(NatKind.NONE, NatKind.NONE, NO_TURN, DIRECT),
                Arguments.of(NatKind.NONE, NatKind.CONE, NO_TURN, DIRECT),
                Arguments.of(NatKind.CONE, NatKind.NONE, NO_TURN, DIRECT),
                Arguments.of(NatKind.CONE, NatKind.CONE, NO_TURN, DIRECT),
                Arguments.of(NatKind.NONE, NatKind.SYMMETRIC, NO_TURN, DIRECT),
                Arguments.of(NatKind.SYMMETRIC, NatKind.NONE, NO_TURN, DIRECT),
                // No ICE pair can work: TURN where configured, else the server relay.
                Arguments.of(NatKind.CONE, NatKind.SYMMETRIC, TURN_UDP, TURN),
                Arguments.of(NatKind.SYMMETRIC, NatKind.SYMMETRIC, TURN_UDP, TURN),
                Arguments.of(NatKind.CONE, NatKind.SYMMETRIC, NO_TURN, RELAY),
                Arguments.of(NatKind.SYMMETRIC, NatKind.CONE, NO_TURN, RELAY),
                Arguments.of(NatKind.SYMMETRIC, NatKind.SYMMETRIC, NO_TURN, RELAY),
                // UDP blocked on either side: only the server relay (WebSocket over TCP) is left.
                Arguments.of(NatKind.UDP_BLOCKED, NatKind.NONE, NO_TURN, RELAY),
                Arguments.of(NatKind.NONE, NatKind.UDP_BLOCKED, NO_TURN, RELAY),
                Arguments.of(NatKind.UDP_BLOCKED, NatKind.CONE, NO_TURN, RELAY),
                Arguments.of(NatKind.CONE, NatKind.UDP_BLOCKED, NO_TURN, RELAY),
                Arguments.of(NatKind.UDP_BLOCKED, NatKind.SYMMETRIC, NO_TURN, RELAY),
                Arguments.of(NatKind.SYMMETRIC, NatKind.UDP_BLOCKED, NO_TURN, RELAY),
                Arguments.of(NatKind.UDP_BLOCKED, NatKind.UDP_BLOCKED, NO_TURN, RELAY),
                // UDP blocked, TCP allowed: TURN over TCP still gives the asker a (UDP) relayed address.
                Arguments.of(NatKind.UDP_BLOCKED, NatKind.CONE, TURN_TCP, TURN));
    }

    private static String rowName(Object[] args) {
        String turn = (String) args[2];
        return name((NatKind) args[0]) + "-" + name((NatKind) args[1])
                + (turn.isEmpty() ? "" : turn.equals(TURN_UDP) ? "+turn" : "+turn-" + turn);
    }

    @ParameterizedTest(name = "{0}–{1} (TURN over: {2}): {3}")
    @MethodSource("grid")
    void pairEndsAsTheTableSays(NatKind asker, NatKind publisher, String turn, String expected, NatLab.Builder builder,
            @TempDir Path dir) throws Exception {
        String row = rowName(new Object[] {asker, publisher, turn});
        synchronized (ORDER) {
            ORDER.add(row);
        }
        RESULTS.put(row, String.format(Locale.ROOT, "%-25s | %-6s | FAILED (see the test's output)", row, expected));
        NatLab lab = builder.site("a", publisher).site("b", asker).build();
        List<String> turnConfig = List.of();
        NsProcess coturn = null;
        if (!turn.isEmpty()) {
            coturn = lab.pub().start("coturn", coturn(dir));
            Path toml = dir.resolve("turn.toml");
            Files.writeString(toml, "[[turn]]\nurl = \"turn:" + PUB + ":" + TURN_PORT + "?transport=" + turn
                    + "\"\nusername = \""
                    + Coturn.USERS.get(0) + "\"\npassword = \"" + Coturn.PASSWORD + "\"\n");
            turnConfig = List.of("-c", toml.toString());
        }

        NsProcess server = lab.pub().startJvm("server", Main.class.getName(), logLevel(), List.of("server",
                "--listen", PUB + ":8443", "--stun", PUB + ":3478", "--stun", PUB + ":3480", "--token", "t",
                "--admin", PUB + ":7071"));
        NsProcess echo = lab.site("a").host().startJvm("echo-a", NatGridEcho.class.getName(), List.of(),
                List.of(String.valueOf(ECHO_PORT)));
        NsProcess peerA = lab.site("a").host().startJvm("peer-a", Main.class.getName(), logLevel(),
                LabRig.peer("a", dir, turnConfig, "--publish", "echo=127.0.0.1:" + ECHO_PORT, "--allow", "b"));
        NsProcess peerB = lab.site("b").host().startJvm("peer-b", Main.class.getName(), logLevel(),
                LabRig.peer("b", dir, turnConfig, "--forward", "127.0.0.1:" + FORWARD_PORT + "=a/echo"));

        List<NsProcess> all = List.of(server, echo, peerA, peerB);
        await(echo, l -> l.startsWith("echo listening on"), all);
        await(peerA, l -> l.contains("logged in to ws://" + PUB), all);
        await(peerB, l -> l.contains("logged in to ws://" + PUB), all);
        String forwardLabel = "forward 127.0.0.1:" + FORWARD_PORT + " -> a/echo";
        await(peerB, l -> l.contains(forwardLabel + ": listening on"), all);

        NsProcess client = lab.site("b").host().startJvm("client-b", NatGridClient.class.getName(), List.of(),
                List.of(String.valueOf(FORWARD_PORT), String.valueOf(PAYLOAD), "42", String.valueOf(ADMIN_PORT)));
        String outcome = client.awaitLine(l -> OUTCOME.matcher(l).matches(), Duration.ofSeconds(60));
        String evidence = evidence(row, client, peerA, peerB) + (coturn == null ? "" : "\n--- coturn:\n" + coturn.output());
        if (Boolean.getBoolean("natgrid.logs")) {
            System.out.println(evidence);
        }

        Matcher done = DONE.matcher(outcome);
        assertThat(done.matches()).as("%s: expected a transfer (%s), client said: %s%s", row, expected, outcome, evidence)
                .isTrue();
        assertThat(done.group(2)).as("%s: SHA-256 of the echo%s", row, evidence).isEqualTo(done.group(1));
        assertThat(Long.parseLong(done.group(3))).as("%s: bytes echoed", row).isEqualTo(PAYLOAD);
        long firstByte = Long.parseLong(field(client, "first-byte "));
        JsonNode status = new ObjectMapper().readTree(field(client, "status "));
        JsonNode session = status.path("sessions").path(0);
        assertThat(session.path("peer").asText()).as("%s: b's session%s", row, evidence).isEqualTo("a");
        assertThat(session.path("state").asText()).as("%s: session state%s", row, evidence).isEqualTo("connected");
        assertThat(session.path("path").asText()).as("%s: session path%s", row, evidence).isEqualTo(expected);
        String remote = session.path("remote").asText();
        if (expected.equals(DIRECT)) {
            assertThat(remote).as("%s: the session goes straight to a's public address%s", row, evidence)
                    .startsWith(lab.site("a").publicAddress().getHostAddress() + ":");
        }
        String why = session.path("path_reason").asText();
        record(row, String.format(Locale.ROOT, "%-25s | %-6s | %5d ms to first byte; 1 MiB intact; %s", row, expected,
                firstByte, expected.equals(RELAY) ? why : "remote " + remote));
        System.out.printf(Locale.ROOT, "[measure] %s %s %d ms (%s; remote %s; 1 MiB in %s ms; %s)%n", row, expected,
                firstByte, phases(client, peerA, peerB), remote, done.group(4), why);
    }

    /** coturn in {@code pub}, on the public address, with the users {@link Coturn} knows. */
    private static List<String> coturn(Path dir) {
        Path binary = io.p2proxy.testkit.ExternalTools.require("turnserver", "coturn");
        return List.of(binary.toString(), "--no-tls", "--no-dtls", "--no-cli", "--no-software-attribute",
                "--listening-ip=" + PUB, "--listening-port=" + TURN_PORT, "--relay-ip=" + PUB,
                "--min-port=40000", "--max-port=40999", "--lt-cred-mech", "--realm=" + Coturn.REALM,
                "--user=" + Coturn.USERS.get(0) + ":" + Coturn.PASSWORD, "--log-file=stdout", "--simple-log",
                "--pidfile=" + dir.resolve("turn.pid"), "--userdb=" + dir.resolve("turndb"));
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
        System.out.println("[grid] asker-publisher           | path   | measured");
        synchronized (ORDER) {
            ORDER.forEach(row -> System.out.println("[grid] " + RESULTS.get(row)));
        }
    }

    private static String name(NatKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> logLevel() {
        String level = System.getProperty("p2proxy.childLog", "INFO");
        return List.of("-DP2PROXY_LOG=" + level, "-DP2PROXY_TEST_LOG=" + level); // logback-test.xml is on the path too
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
