package io.p2proxy.common;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ThreadFactory;

/** Daemon-free, named threads so that thread dumps and leak checks say whose a thread is. */
public final class NamedThreadFactory {

    private NamedThreadFactory() {
    }

    public static ThreadFactory of(String prefix) {
        return new DefaultThreadFactory("p2proxy-" + prefix, false);
    }
}
