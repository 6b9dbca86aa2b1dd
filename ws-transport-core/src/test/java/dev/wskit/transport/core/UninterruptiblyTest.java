package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class UninterruptiblyTest {
    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsKept() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        Thread.currentThread().interrupt();
        new Thread(release::countDown).start();
        Uninterruptibly.join(worker, 0);
        assertThat(worker.isAlive()).isFalse();
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    void aBoundedWaitReturnsWhileTheThreadStillRuns() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        Uninterruptibly.join(worker, 20);
        assertThat(worker.isAlive()).isTrue();
        release.countDown();
        worker.join();
        Uninterruptibly.join(null, 0);
    }
}
