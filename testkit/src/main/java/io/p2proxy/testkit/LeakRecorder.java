package io.p2proxy.testkit;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every leak that Netty's detector reports, so that a test can fail on it instead of a
 * log line nobody reads. Installed by {@link LeakRecorderInstaller} before any buffer class loads.
 */
public final class LeakRecorder {

    private static final List<String> LEAKS = new ArrayList<>();
    private static volatile boolean installed;

    private LeakRecorder() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                    long maxActive) {
                return new Recording<>(resource, samplingInterval);
            }
        });
    }

    public static boolean installed() {
        return installed;
    }

    /** Leaks reported since the last call, then forgets them. */
    public static synchronized List<String> drain() {
        List<String> copy = new ArrayList<>(LEAKS);
        LEAKS.clear();
        return copy;
    }

    private static synchronized void record(String leak) {
        LEAKS.add(leak);
    }

    private static final class Recording<T> extends ResourceLeakDetector<T> {
        Recording(Class<T> type, int samplingInterval) {
            super(type, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record(resourceType + " leaked:" + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record(resourceType + " leaked (no records)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
