package io.p2proxy.natlab;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A site cut off from the network until {@link #lift()} (or {@link #close()}); lifting twice is harmless. */
public final class Blackout implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Blackout.class);

    private final Site site;
    private final Runnable restore;
    private final AtomicBoolean lifted = new AtomicBoolean();

    Blackout(Site site, Runnable restore) {
        this.site = site;
        this.restore = restore;
    }

    public boolean isLifted() {
        return lifted.get();
    }

    public void lift() {
        if (lifted.compareAndSet(false, true)) {
            restore.run();
            log.info("blackout of site {} lifted", site.name());
        }
    }

    @Override
    public void close() {
        lift();
    }
}
