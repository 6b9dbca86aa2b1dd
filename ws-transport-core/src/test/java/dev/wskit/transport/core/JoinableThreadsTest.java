package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class JoinableThreadsTest {
    private final JoinableThreads threads = new JoinableThreads(Thread::new);
    private final CountDownLatch release = new CountDownLatch(1);

    private Thread started() {
        Thread thread = threads.newThread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        return thread;
    }

    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsKept() {
        Thread first = started();
        Thread second = started();
        Thread.currentThread().interrupt();
        new Thread(release::countDown).start();
        threads.joinAll(0);
        assertThat(first.isAlive()).isFalse();
        assertThat(second.isAlive()).isFalse();
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    void aBoundedWaitReturnsWhileAThreadStillRuns() throws InterruptedException {
        Thread running = started();
        threads.joinAll(20);
        assertThat(running.isAlive()).isTrue();
        release.countDown();
        running.join();
        threads.joinAll(0);
    }
}
