package dev.wskit.transport.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A thread factory that remembers the threads it made until they end, so that a stop can wait
 * for every one of them: a stop that returned while they still ran would leave work behind (and
 * a test that counts threads would see them). Thread-safe.
 */
public final class JoinableThreads implements ThreadFactory {
    private final ThreadFactory factory;
    private final Set<Thread> made = ConcurrentHashMap.newKeySet();

    /**
     * Makes threads with {@code factory}.
     *
     * @param factory makes each thread
     */
    public JoinableThreads(ThreadFactory factory) {
        this.factory = factory;
    }

    @Override
    public Thread newThread(Runnable task) {
        // Threads end when idle or done; forgetting the dead ones here keeps the set at the live count.
        made.removeIf(thread -> !thread.isAlive());
        Thread thread = factory.newThread(task);
        made.add(thread);
        return thread;
    }

    /**
     * Returns once every thread made so far has ended, or after {@code millis} in all when above
     * zero; an interrupt does not cut the wait short and is kept for the caller.
     *
     * @param millis the most milliseconds to wait in all; 0 waits for as long as it takes
     */
    public void joinAll(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Thread thread : made) {
            join(thread, millis == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    /** Returns once {@code thread} has ended, or after {@code millis} when above zero; keeps an interrupt. */
    private static void join(Thread thread, long millis) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (thread.isAlive()) {
            long left = millis == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (millis != 0 && left <= 0) {
                break;
            }
            try {
                thread.join(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
