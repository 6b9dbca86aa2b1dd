package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads made one per task: an ended thread, still kept for joining, holds nothing of its task. */
@Timeout(30)
class ConnectionThreadsTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void anEndedThreadLetsItsTaskBeCollectedThoughItKeepsItsRunnable() throws Exception {
        // A virtual thread keeps its Runnable after it ends; this factory's threads do so on any JDK.
        ConnectionThreads threads = ConnectionThreads.fromFactory(KeepingThread::new);
        ReferenceQueue<Runnable> collected = new ReferenceQueue<>();
        CountDownLatch ran = new CountDownLatch(1);
        WeakReference<Runnable> task = runOneTask(threads, ran, collected);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();

        threads.awaitTermination();

        assertThat(collectedInTime(task, collected)).isTrue();
    }

    /** In its own frame, so no local of the test method holds the task. */
    private static WeakReference<Runnable> runOneTask(ConnectionThreads threads, CountDownLatch ran,
                                                      ReferenceQueue<Runnable> collected) {
        Runnable task = ran::countDown;
        threads.execute(task);
        return new WeakReference<>(task, collected);
    }

    private static boolean collectedInTime(WeakReference<Runnable> task, ReferenceQueue<Runnable> collected)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            System.gc();
            Reference<? extends Runnable> cleared = collected.remove(100);
            if (cleared == task) {
                return true;
            }
        }
        return false;
    }

    private static final class KeepingThread extends Thread {
        private final Runnable kept;

        KeepingThread(Runnable task) {
            super(task);
            this.kept = task;
        }
    }
}
