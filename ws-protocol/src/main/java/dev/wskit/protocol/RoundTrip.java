package dev.wskit.protocol;

import java.time.Duration;

/**
 * How long a ping took to come back as its pong (RFC 6455 §5.5.2, §5.5.3): the last measurement,
 * and a smoothed value that follows the measurements as TCP's smoothed round-trip time does
 * (RFC 6298 §2: the first measurement, then each new one weighted by 1/8). Measured on the clock
 * the connection's transport gave its engine, by the keepalive pings and by {@link WebSocket#ping()},
 * from the moment the ping is queued: a ping behind a backlog of data waits with it, as a message
 * sent then would.
 *
 * @param latestNanos the last round trip measured, in nanoseconds
 * @param smoothedNanos the smoothed round-trip time, in nanoseconds
 */
public record RoundTrip(long latestNanos, long smoothedNanos) {
    /**
     * The last round trip measured.
     *
     * @return the time from the measuring ping's send to its pong's arrival, never negative
     */
    public Duration latest() {
        return Duration.ofNanos(latestNanos);
    }

    /**
     * The smoothed round-trip time: less moved by one slow pong than {@link #latest()}.
     *
     * @return the smoothed round-trip time, never negative
     */
    public Duration smoothed() {
        return Duration.ofNanos(smoothedNanos);
    }
}
