package dev.wskit.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of each topic is kept for members that resume. After each publish the topic keeps at
 * least its last {@code maxCount} messages that are younger than {@code maxAge}; {@link RedisCluster}
 * trims approximately (whole nodes of the stream), so it may keep more, never fewer. A member
 * resuming from a message that is gone is told of the gap.
 *
 * @param maxCount the fewest messages kept per topic while they are young enough; at least 1
 * @param maxAge the age past which kept messages may go; at least 1 ms
 */
public record HistoryBounds(int maxCount, Duration maxAge) {

    /** 10,000 messages, one hour. */
    public static final HistoryBounds DEFAULT = new HistoryBounds(10_000, Duration.ofHours(1));

    /**
     * Checks the bounds: {@code maxCount} at least 1, {@code maxAge} at least 1 ms, else
     * {@link IllegalArgumentException}.
     *
     * @param maxCount the fewest messages kept per topic while they are young enough; at least 1
     * @param maxAge the age past which kept messages may go; at least 1 ms
     */
    public HistoryBounds {
        if (maxCount < 1) {
            throw new IllegalArgumentException("maxCount must be at least 1: " + maxCount);
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.toMillis() < 1) {
            throw new IllegalArgumentException("maxAge must be at least 1 ms: " + maxAge);
        }
    }
}
