package io.p2proxy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class whose tests leaked a Netty buffer. Registered for every test class by
 * auto-detection (see junit-platform.properties in this jar). Netty reports a leak when a later
 * allocation notices the collected, unreleased buffer, so this collects garbage and allocates.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        if (!LeakRecorder.installed()) {
            return;
        }
        for (int round = 0; round < 3; round++) {
            System.gc();
            System.runFinalization();
            for (int i = 0; i < 64; i++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(16);
                a.release();
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.buffer(16);
                b.release();
            }
        }
        List<String> leaks = LeakRecorder.drain();
        assertThat(leaks).as("Netty buffers leaked by %s", context.getDisplayName()).isEmpty();
    }
}
