package dev.wskit.transport.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The connect timeout of one connect as a deadline on {@link System#nanoTime()}: it bounds the TCP
 * connect, a proxy's {@code CONNECT} exchange and the TLS handshake together, so each step gets
 * only what the steps before it left. Immutable.
 */
public final class ConnectDeadline {
    private final Duration timeout;
    private final long deadline;

    private ConnectDeadline(Duration timeout, long deadline) {
        this.timeout = timeout;
        this.deadline = deadline;
    }

    /**
     * A deadline {@code timeout} from now.
     *
     * @param timeout the whole connect timeout; above zero
     * @return the deadline, on {@link System#nanoTime()}'s clock
     */
    public static ConnectDeadline in(Duration timeout) {
        return new ConnectDeadline(timeout, System.nanoTime() + timeout.toNanos());
    }

    /**
     * The whole connect timeout, as errors name it.
     *
     * @return the timeout the deadline was set with, above zero
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Whether the deadline has passed: nothing more may start.
     *
     * @return {@code true} once the deadline has passed
     */
    public boolean hasPassed() {
        return deadline - System.nanoTime() <= 0;
    }

    /**
     * Nanoseconds left, at least 1: a timer set once the deadline has passed fires at once.
     *
     * @return the nanoseconds left, at least 1
     */
    public long nanosLeft() {
        return Math.max(1, deadline - System.nanoTime());
    }

    /**
     * Whole milliseconds left, as socket timeouts and timers take them, at least 1: a socket reads
     * 0 as "no timeout", a timer refuses it.
     *
     * @return the milliseconds left, 1 to {@link Integer#MAX_VALUE}
     */
    public int millisLeft() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
}
