package dev.wskit.cluster;

import java.util.Objects;

/**
 * A message of a topic, as a member gets it.
 *
 * @param topic the topic it was published to
 * @param id its place in the topic's order (a Redis stream id, {@code <ms>-<seq>}, on every
 *     implementation); {@code null} for a message a {@link RedisCluster} node delivered to its own
 *     members while Redis was down, which gets its id only once written to Redis
 * @param sender who published it, or {@code null}
 * @param payload what was published
 */
public record TopicMessage(String topic, String id, String sender, String payload) {
    /**
     * Checks that the topic and the payload are given.
     *
     * @param topic the topic; not {@code null}
     * @param id the message's id, or {@code null} while a {@link RedisCluster} node could not write
     *     it to Redis
     * @param sender who published it, or {@code null}
     * @param payload what was published; not {@code null}
     */
    public TopicMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
