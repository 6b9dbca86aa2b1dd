package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OwnerLockTest {
    private final List<String> log = new ArrayList<>();

    @Test
    void aCallFromOutsideEveryCallbackRunsAtOnceUnderTheLockThenTheFollowUp() {
        OwnerLock[] lock = new OwnerLock[1];
        lock[0] = new OwnerLock(() -> log.add("after, held " + lock[0].isHeldByCurrentThread()));
        lock[0].runAsOwner(() -> log.add("task, held " + lock[0].isHeldByCurrentThread()));
        assertThat(log).containsExactly("task, held true", "after, held false");
        assertThat(OwnerLock.heldByThisThread()).isZero();
    }

    @Test
    void aCallFromAnotherConnectionsCallbackIsHandedToTheHolderAndRunsBeforeItLetsGo() throws Exception {
        OwnerLock busy = new OwnerLock(() -> log.add("busy let go"));
        OwnerLock other = new OwnerLock(() -> { });
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch handedOver = new CountDownLatch(1);
        Thread holder = new Thread(() -> busy.runAsOwner(() -> {
            held.countDown();
            await(handedOver);
            log.add("holder done");
        }));
        holder.start();
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
        other.runAsOwner(() -> {
            assertThat(busy.runsLaterFromHere()).isTrue();
            busy.runAsOwner(() -> log.add("handed over"));
            log.add("caller returned");
        });
        handedOver.countDown();
        holder.join(5_000);
        assertThat(log).containsExactly("caller returned", "holder done", "handed over", "busy let go");
    }

    @Test
    void aCallFromAnotherConnectionsCallbackRunsAtOnceWhenNobodyHoldsTheLock() {
        OwnerLock idle = new OwnerLock(() -> log.add("idle let go"));
        OwnerLock other = new OwnerLock(() -> { });
        other.runAsOwner(() -> {
            idle.runAsOwner(() -> log.add("ran, held " + idle.isHeldByCurrentThread()));
            log.add("caller returned");
        });
        assertThat(log).containsExactly("ran, held true", "idle let go", "caller returned");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
