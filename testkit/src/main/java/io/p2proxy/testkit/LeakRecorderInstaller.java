package io.p2proxy.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Runs when the JUnit launcher starts, before any test class (and so any ByteBuf) loads. */
public final class LeakRecorderInstaller implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LeakRecorder.install();
    }
}
