package io.p2proxy.natlab;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A blackout or a loss rate on a site, in force until {@link #lift()} (or {@link #close()}); lifting twice is harmless. */
public final class Impairment implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Impairment.class);

    private final String what;
    private final Site site;
    private final Runnable restore;
    private final AtomicBoolean lifted = new AtomicBoolean();

    Impairment(String what, Site site, Runnable restore) {
        this.what = what;
        this.site = site;
        this.restore = restore;
    }

    public boolean isLifted() {
        return lifted.get();
    }

    public void lift() {
        if (lifted.compareAndSet(false, true)) {
            restore.run();
            log.info("{} of site {} lifted", what, site.name());
        }
    }

    @Override
    public void close() {
        lift();
    }
}
