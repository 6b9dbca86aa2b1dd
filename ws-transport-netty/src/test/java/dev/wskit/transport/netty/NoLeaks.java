package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs after every test class of the module (auto-detected extension): collects garbage so
 * unreleased buffers surface, lets the leak detector look, and fails when it found any.
 */
public final class NoLeaks implements AfterAllCallback {
    private static final int GC_ROUNDS = 3;

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        surfaceLeaks();
        assertThat(LeakFailingDetector.isInstalled()).as("the custom leak detector is in use").isTrue();
        assertThat(LeakFailingDetector.leaks()).as("ByteBuf leaks").isEmpty();
    }

    /** Collects garbage until a sentinel is seen cleared, then allocates so the detector polls. */
    static void surfaceLeaks() throws InterruptedException {
        for (int round = 0; round < GC_ROUNDS; round++) {
            ReferenceQueue<Object> cleared = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), cleared);
            System.gc();
            cleared.remove(1_000);
            sentinel.clear();
            // Leak reports happen when a new buffer is tracked.
            ByteBufAllocator.DEFAULT.buffer(1).release();
            ByteBufAllocator.DEFAULT.heapBuffer(1).release();
        }
    }
}
