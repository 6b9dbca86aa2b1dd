package dev.wskit.transport.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When a {@link ReconnectingWebSocket} tries again and when it gives up: exponential backoff with
 * jitter, so that clients a server dropped together do not all come back at once. The delay
 * before the n-th attempt in a row is {@code initialDelay * 2^(n-1)}, at most {@code maxDelay},
 * less a random part of up to half of it. Each {@code with} method checks its argument at once and
 * returns a new policy.
 *
 * @param initialDelay the backoff before the first attempt in a row; above zero
 * @param maxDelay the bound of the backoff, at least {@code initialDelay}
 * @param maxAttempts how many connects in a row may fail before the socket gives up; at least 1
 * @param random the jitter's draws, in {@code [0, 1)}
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts, DoubleSupplier random) {
    private static final double JITTER = 0.5;

    /**
     * Checks every component.
     *
     * @param initialDelay the backoff before the first attempt in a row
     * @param maxDelay the bound of the backoff, at least {@code initialDelay}
     * @param maxAttempts how many connects in a row may fail before the socket gives up
     * @param random the jitter's draws, in {@code [0, 1)}
     * @throws IllegalArgumentException when a delay or the attempts are not positive, or the first delay exceeds the bound
     */
    public ReconnectPolicy {
        ArgumentChecks.positive(initialDelay, "initialDelay");
        ArgumentChecks.positive(maxDelay, "maxDelay");
        if (initialDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("initialDelay " + initialDelay + " exceeds maxDelay " + maxDelay);
        }
        ArgumentChecks.positive(maxAttempts, "maxAttempts");
        Objects.requireNonNull(random, "random");
    }

    /**
     * A policy waiting {@code initialDelay} before the first reconnect, doubling up to
     * {@code maxDelay}, giving up after 10 failed connects in a row.
     *
     * @param initialDelay the wait before the first reconnect; above zero
     * @param maxDelay the longest wait; at least {@code initialDelay}
     * @return the policy, with up to half of each delay taken off at random
     * @throws IllegalArgumentException when a delay is not positive, or the first exceeds the bound
     */
    public static ReconnectPolicy exponential(Duration initialDelay, Duration maxDelay) {
        return new ReconnectPolicy(initialDelay, maxDelay, 10, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * This policy, giving up after {@code maxAttempts} failed connects in a row (an open connection
     * starts the count again).
     *
     * @param maxAttempts failed connects in a row before giving up; at least 1
     * @return a new policy; this one is unchanged
     */
    public ReconnectPolicy withMaxAttempts(int maxAttempts) {
        return new ReconnectPolicy(initialDelay, maxDelay, maxAttempts, random);
    }

    /**
     * This policy, its jitter drawn from {@code random}, which gives values in {@code [0, 1)}: for
     * tests.
     *
     * @param random gives the jitter's values, in {@code [0, 1)}
     * @return a new policy; this one is unchanged
     */
    public ReconnectPolicy withRandom(DoubleSupplier random) {
        return new ReconnectPolicy(initialDelay, maxDelay, maxAttempts, random);
    }

    /**
     * The wait before attempt {@code attempt} in a row (1 for the first reconnect after a drop or
     * a failed connect): the backoff, less up to half of it at random.
     *
     * @param attempt the attempt's number in a row, 1 for the first; at least 1
     * @return the wait, above zero
     */
    public Duration delayBefore(int attempt) {
        ArgumentChecks.positive(attempt, "attempt");
        long initial = initialDelay.toNanos();
        long max = maxDelay.toNanos();
        // Doubling stops at the bound, and before a shift could overflow.
        int doublings = Math.min(attempt - 1, Long.numberOfLeadingZeros(initial) - 1);
        long backoff = Math.min(max, initial << doublings);
        double draw = random.getAsDouble();
        if (draw < 0 || draw >= 1) {
            throw new IllegalStateException("random gave " + draw + ", not in [0, 1)");
        }
        return Duration.ofNanos(backoff - (long) (backoff * JITTER * draw));
    }
}
