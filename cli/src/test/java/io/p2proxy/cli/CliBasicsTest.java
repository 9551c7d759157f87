package io.p2proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliBasicsTest {

    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void versionPrintsTheBuildVersion() {
        try (ChildJvm p = Cli.run(dir, "--version")) {
            assertThat(p.awaitExit(T)).isZero();
            assertThat(p.output()).contains("p2proxy " + Version.get());
            assertThat(Version.get()).doesNotContain("${").isNotEqualTo("unknown");
        }
    }

    @Test
    void keygenWritesAnOwnerOnlyKeyAndPrintsTheIdThatShowPrintsAgain() throws Exception {
        String id;
        try (ChildJvm p = Cli.run(dir, "keygen", "-o", "laptop.key")) {
            assertThat(p.awaitExit(T)).isZero();
            id = p.lines().get(p.lines().size() - 1);
        }
        assertThat(id).matches("[a-z2-7]{52}");
        Path key = dir.resolve("laptop.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        try (ChildJvm p = Cli.run(dir, "keygen", "--show", "laptop.key")) {
            assertThat(p.awaitExit(T)).isZero();
            assertThat(p.output()).isEqualTo(id);
        }
    }

    @Test
    void keygenRefusesToOverwriteAnIdentity() throws Exception {
        Files.writeString(dir.resolve("taken.key"), "keep me");
        try (ChildJvm p = Cli.run(dir, "keygen", "-o", "taken.key")) {
            assertThat(p.awaitExit(T)).isEqualTo(2);
            assertThat(p.output()).contains("taken.key: already exists");
        }
        assertThat(Files.readString(dir.resolve("taken.key"))).isEqualTo("keep me");
    }

    @Test
    void aBadConfigIsOneLineNamingFileLineAndKeyWithStatus2() throws Exception {
        Files.writeString(dir.resolve("peer.toml"), String.join("\n",
                "name = \"laptop\"",
                "server = \"ws://127.0.0.1:8443\"",
                "token = \"t\"",
                "linger = \"30 sec\"", ""));
        try (ChildJvm p = Cli.run(dir, "peer", "-c", "peer.toml")) {
            assertThat(p.awaitExit(T)).isEqualTo(2);
            assertThat(p.lines()).hasSize(1);
            assertThat(p.output()).startsWith("p2proxy: peer.toml:4: linger: '30 sec' (expected: a duration");
        }
    }

    @Test
    void anUnknownFlagIsBadUsage() {
        try (ChildJvm p = Cli.run(dir, "peer", "--nmae", "x")) {
            assertThat(p.awaitExit(T)).isEqualTo(2);
            assertThat(p.output()).contains("--nmae");
        }
    }

    @Test
    void aKeyReadableByOthersIsRefusedBeforeAnythingStarts() throws Exception {
        try (ChildJvm p = Cli.run(dir, "keygen", "-o", "open.key")) {
            assertThat(p.awaitExit(T)).isZero();
        }
        Files.setPosixFilePermissions(dir.resolve("open.key"), PosixFilePermissions.fromString("rw-r--r--"));
        try (ChildJvm p = Cli.run(dir, "peer", "--name", "a", "--server", "ws://127.0.0.1:1", "--token", "t",
                "--key", "open.key", "--admin", "off")) {
            assertThat(p.awaitExit(T)).isEqualTo(2);
            assertThat(p.output()).contains("open.key").contains("chmod 600");
        }
    }

    @Test
    void statusWithNothingListeningSaysSoWithStatus1() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (ChildJvm p = Cli.run(dir, "status", "--admin", "127.0.0.1:" + port)) {
            assertThat(p.awaitExit(T)).isEqualTo(1);
            assertThat(p.output()).contains("nothing answers at 127.0.0.1:" + port);
        }
    }
}
