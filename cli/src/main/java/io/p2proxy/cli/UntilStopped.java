package io.p2proxy.cli;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;

/**
 * Runs a started server or peer until SIGINT/SIGTERM (a clean close, exit 0) or until it fails for
 * good (close, exit 1). The shutdown hook only closes; the main thread decides the exit status.
 */
final class UntilStopped {

    private UntilStopped() {
    }

    static int run(Closeable running, CompletionStage<?> failure, Logger log, String what) {
        CompletableFuture<Object> stop = new CompletableFuture<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            stop.complete("signal");
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
        if ("signal".equals(why)) {
            log.info("{}: stopped by signal", what);
            return Main.OK;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // a signal arrived meanwhile; the failure still decides the status
        }
        return Main.FAILURE;
    }
}
