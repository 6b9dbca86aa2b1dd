package dev.wskit.testkit;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs after every test class of a module that registers it (as an auto-detected JUnit
 * extension): collects garbage so unreleased buffers surface, lets {@link LeakFailingDetector}
 * look, and fails when it found any. Also fails when the detector is not the one in use or not
 * at the paranoid level, so a module whose settings lost the system properties cannot pass
 * without checking anything.
 */
public final class NoLeaks implements AfterAllCallback {
    private static final int GC_ROUNDS = 3;

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new AssertionError("leak detection must be paranoid (every buffer tracked), is "
                    + ResourceLeakDetector.getLevel());
        }
        surfaceLeaks();
        if (!LeakFailingDetector.isInstalled()) {
            throw new AssertionError("Netty is not using " + LeakFailingDetector.class.getName()
                    + ": check io.netty.customResourceLeakDetector in the surefire settings");
        }
        // Taken and cleared, so each leak fails one class: the one after which it surfaced.
        List<String> leaks = List.copyOf(LeakFailingDetector.leaks());
        LeakFailingDetector.leaks().removeAll(leaks);
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " ByteBuf leak(s) surfaced after "
                    + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }

    /** Collects garbage until a sentinel is seen cleared, then allocates so the detector polls. */
    public static void surfaceLeaks() throws InterruptedException {
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
