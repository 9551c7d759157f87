package io.p2proxy.cli;

import io.p2proxy.testkit.ChildJvm;
import java.nio.file.Path;
import java.util.List;

/** Runs {@code p2proxy ARGS} in a child JVM: the real exit status, output and signals. */
final class Cli {

    private Cli() {
    }

    static ChildJvm start(String name, Path dir, String... args) {
        return ChildJvm.start(name, dir, Main.class.getName(), List.of("-DP2PROXY_LOG=" + System.getProperty("p2proxy.childLog", "INFO")), args);
    }

    /** Runs to completion and returns the child (exit status via awaitExit). */
    static ChildJvm run(Path dir, String... args) {
        return start("p2proxy " + String.join(" ", args), dir, args);
    }
}
