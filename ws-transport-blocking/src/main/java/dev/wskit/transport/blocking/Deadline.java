package dev.wskit.transport.blocking;

import java.util.concurrent.TimeUnit;

/** What is left of a deadline in {@link System#nanoTime()}, as socket timeouts take it. */
final class Deadline {
    private Deadline() {
    }

    /** Whole milliseconds left, at least 1 while any time is left (0 would mean "no timeout"); 0 once passed. */
    static long millisLeft(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return 0;
        }
        return Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
}
