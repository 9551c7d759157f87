package io.p2proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.p2proxy.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendezvous server as a real process is killed (SIGKILL, nothing closes cleanly) and started
 * again on the same port 3 s later; both peer processes must be online again within 5 s of the
 * restart, by themselves.
 */
class ServerRestartTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private ChildJvm server;

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private ChildJvm startServer(int port, int admin) {
        return Cli.start("server", dir, "server", "--listen", "127.0.0.1:" + port, "--stun", "127.0.0.1:0",
                "--token", "secret", "--admin", "127.0.0.1:" + admin);
    }

    private ChildJvm startPeer(String name, int port) {
        return Cli.start(name, dir, "peer", "--name", name, "--server", "ws://127.0.0.1:" + port, "--token", "secret",
                "--key", name + ".key", "--admin", "off");
    }

    @Test
    void peersAreOnlineAgainWithinFiveSecondsOfAServerRestart() throws Exception {
        int port = Admin.freePort();
        int admin = Admin.freePort();
        String adminAddress = "127.0.0.1:" + admin;
        server = startServer(port, admin);
        try (ChildJvm a = startPeer("alpha", port); ChildJvm b = startPeer("bravo", port)) {
            await("both peers online").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Admin.onlinePeers(adminAddress).containsAll(Set.of("alpha", "bravo")));

            server.kill();
            server.close();
            CompletableFuture<Long> restarted = new CompletableFuture<>();
            timer.schedule(() -> {
                server = startServer(port, admin);
                restarted.complete(System.nanoTime());
            }, 3, TimeUnit.SECONDS);
            long restartAt = restarted.get(10, TimeUnit.SECONDS);

            server.awaitLine(l -> l.contains("rendezvous server listening"), Duration.ofSeconds(5));
            long listening = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartAt);
            Duration left = Duration.ofSeconds(5).minusMillis(listening);
            await("both peers online within 5 s of the restart").atMost(left).pollInterval(Duration.ofMillis(20))
                    .until(() -> Admin.onlinePeers(adminAddress).containsAll(Set.of("alpha", "bravo")));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartAt);
            System.out.printf("server restart: both peers online %d ms after the new server process started"
                    + " (it listened after %d ms)%n", millis, listening);

            if (Boolean.getBoolean("p2proxy.childLog.print")) {
                System.out.println(a.output());
            }
            assertThat(a.isAlive()).isTrue();
            assertThat(b.isAlive()).isTrue();
            assertThat(a.output()).contains("lost the rendezvous server");
        } finally {
            server.close();
        }
    }

    @Test
    void aWrongTokenIsOneClearLineAndExitStatus1() {
        int port = Admin.freePort();
        int admin = Admin.freePort();
        server = startServer(port, admin);
        try {
            server.awaitLine(l -> l.contains("rendezvous server listening"), Duration.ofSeconds(30));
            try (ChildJvm p = Cli.start("intruder", dir, "peer", "--name", "intruder", "--server",
                    "ws://127.0.0.1:" + port, "--token", "wrong", "--key", "i.key", "--admin", "off")) {
                assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
                assertThat(p.lines()).filteredOn(l -> l.contains("refused")).hasSize(1);
                assertThat(p.output()).contains("token");
            }
        } finally {
            server.close();
        }
    }

    @Test
    void sigtermClosesAPeerCleanlyWithStatus0() {
        int port = Admin.freePort();
        int admin = Admin.freePort();
        server = startServer(port, admin);
        try (ChildJvm p = startPeer("charlie", port)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Admin.onlinePeers("127.0.0.1:" + admin).contains("charlie"));
            p.terminate();
            assertThat(p.awaitExit(Duration.ofSeconds(15))).isZero();
            assertThat(p.output()).contains("stopped by signal");
            await("the server sees the peer leave").atMost(Duration.ofSeconds(10))
                    .until(() -> !Admin.onlinePeers("127.0.0.1:" + admin).contains("charlie"));
        } finally {
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(15))).isZero();
        }
    }
}
