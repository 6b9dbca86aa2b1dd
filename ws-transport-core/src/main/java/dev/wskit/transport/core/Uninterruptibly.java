package dev.wskit.transport.core;

import java.util.concurrent.TimeUnit;

/**
 * Waits that an interrupt does not cut short, for the stops of servers and clients: a stop that
 * returned while its threads still ran would leave work behind. An interrupt that comes meanwhile
 * is kept for the caller.
 */
public final class Uninterruptibly {
    private Uninterruptibly() {
    }

    /** Returns once {@code thread} (may be {@code null}) has ended, or after {@code millis} when above zero. */
    public static void join(Thread thread, long millis) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (thread != null && thread.isAlive()) {
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
