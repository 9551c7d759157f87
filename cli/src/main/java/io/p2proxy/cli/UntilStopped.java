package io.p2proxy.cli;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;

/**
 * Runs a started server or peer until SIGINT/SIGTERM (a clean close, exit 0) or until it fails for
 * good (close, exit 1).
 *
 * <p>INT and TERM are caught with {@code sun.misc.Signal} (module jdk.unsupported) so that the main
 * thread closes everything and exits normally; through the JVM's shutdown path the status would be
 * 128 + signal. A shutdown hook still closes everything for other ways of ending (e.g. SIGHUP).
 */
final class UntilStopped {

    private static final String SIGNAL = "signal";

    private UntilStopped() {
    }

    static int run(Closeable running, CompletionStage<?> failure, Logger log, String what) {
        CompletableFuture<Object> stop = new CompletableFuture<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> stop.complete(SIGNAL));
            } catch (IllegalArgumentException unavailable) {
                log.debug("cannot catch SIG{}; the shutdown hook will close", name);
            }
        }
        Thread hook = new Thread(() -> {
            stop.complete(SIGNAL);
            closed.join(); // keep the JVM alive until the main thread has closed everything
        }, "p2proxy-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        failure.thenAccept(stop::complete);
        Object why = stop.join();
        try {
            running.close();
        } catch (IOException e) {
            log.warn("{}: error while closing: {}", what, e.toString());
        } finally {
            closed.complete(null);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the JVM is exiting through its own path; our status no longer matters
        }
        if (SIGNAL.equals(why)) {
            log.info("{}: stopped by signal", what);
            return Main.OK;
        }
        return Main.FAILURE;
    }
}
