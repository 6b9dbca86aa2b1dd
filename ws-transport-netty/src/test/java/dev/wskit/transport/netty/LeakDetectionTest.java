package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.testkit.LeakFailingDetector;
import dev.wskit.testkit.NoLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check every test class ends with can fail: an unreleased buffer is caught. */
class LeakDetectionTest {

    @Test
    void anUnreleasedBufferIsReportedAsALeak() throws InterruptedException {
        leakOneBuffer();
        for (int attempt = 0; attempt < 10 && LeakFailingDetector.leaks().isEmpty(); attempt++) {
            NoLeaks.surfaceLeaks();
        }
        assertThat(LeakFailingDetector.leaks()).hasSize(1);
        assertThat(LeakFailingDetector.leaks().get(0)).contains("ByteBuf");
        LeakFailingDetector.leaks().clear();
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(16);
        leaked.writeInt(42);
    }
}
