package io.p2proxy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakRecorderTest {

    @Test
    void recorderIsInstalledBeforeTheFirstBuffer() {
        assertThat(LeakRecorder.installed()).isTrue();
    }

    @Test
    void aBufferDroppedWithoutReleaseIsReported() {
        leakOne();
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            System.gc();
            UnpooledByteBufAllocator.DEFAULT.buffer(8).release(); // the detector reports on the next track
            seen.addAll(LeakRecorder.drain());
            return !seen.isEmpty();
        });
        assertThat(seen.get(0)).contains("ByteBuf").contains("leaked");
    }

    private static void leakOne() {
        ByteBuf leaked = UnpooledByteBufAllocator.DEFAULT.buffer(8);
        leaked.writeLong(42);
    }

    @Test
    void descriptorCountSeesANewFile() throws Exception {
        long before = Fds.count();
        try (var ignored = java.nio.channels.FileChannel.open(java.nio.file.Path.of("/proc/self/status"))) {
            assertThat(Fds.count()).isEqualTo(before + 1);
        }
        assertThat(Fds.count()).isEqualTo(before);
    }
}
