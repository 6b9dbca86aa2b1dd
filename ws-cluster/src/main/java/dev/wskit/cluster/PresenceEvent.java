package dev.wskit.cluster;

/**
 * A member that joined or left a topic, on any node.
 *
 * @param topic the topic joined or left
 * @param member the member's name
 * @param change whether it joined or left
 */
public record PresenceEvent(String topic, String member, Change change) {

    /** Whether the member came or went. */
    public enum Change {
        /** Joined, on some node. */
        JOINED,
        /** Left, or vanished with its node once its presence expired. */
        LEFT
    }
}
