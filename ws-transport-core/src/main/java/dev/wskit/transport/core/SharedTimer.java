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

    /**
     * A timer whose one daemon thread is named {@code name}.
     *
     * @param name the name of the timer thread, as thread dumps show it; the thread starts with
     *     the first timer scheduled
     */
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
     *
     * @param task what to run on the timer thread: short, never blocking on a socket or a
     *     connection's lock (it closes a socket, or hands work to a connection's thread)
     * @param delay how long from now, at nanosecond precision; zero for no timer, and a negative
     *     delay runs {@code task} as soon as the timer thread can
     * @return the scheduled run, to cancel once the timeout no longer applies; {@code null} when
     *     nothing was scheduled
     * @throws ArithmeticException when {@code delay} is too long to count in nanoseconds (about
     *     292 years)
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
