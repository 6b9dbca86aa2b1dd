package dev.wskit.transport.core;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of a server or client whose connections each hold a thread: handshake,
 * idle, close and write timeouts of all its connections. Its tasks only close a socket or hand work to a connection thread, never write or
 * wait for a connection's lock, so one stalled peer cannot delay another's timeouts.
 */
public final class SharedTimer {
    private final ScheduledThreadPoolExecutor scheduler;
    private final JoinableThreads made;

    /** A timer whose one daemon thread is named {@code name}. */
    public SharedTimer(String name) {
        made = new JoinableThreads(task -> {
            Thread t = new Thread(task, name);
            // A timer alone must not keep the JVM alive.
            t.setDaemon(true);
            return t;
        });
        scheduler = new ScheduledThreadPoolExecutor(1, made);
        // Most timers are cancelled (a write that finished, a handshake that completed): drop them at once.
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code task} after {@code delay}; {@code null} when the delay is zero (that timeout is
     * off) or the timer has stopped (its owner is stopping and closes every socket itself).
     */
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        if (delay.isZero()) {
            return null;
        }
        try {
            return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            return null;
        }
    }

    /** Drops every pending timer and returns once the timer thread has ended. */
    public void stop() {
        scheduler.shutdownNow();
        made.joinAll(0);
    }
}
