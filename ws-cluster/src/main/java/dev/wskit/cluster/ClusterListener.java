package dev.wskit.cluster;

/**
 * Hears what a node cannot tell its callers: its link to the other nodes going down and coming
 * back, publishes it had to drop, and sinks that threw. Called on the node's delivery thread.
 */
public interface ClusterListener {

    /** A listener that ignores every event. */
    ClusterListener NONE = new ClusterListener() {
    };

    /**
     * The node lost the store ({@link ClusterState#DOWN}) or has it again
     * ({@link ClusterState#UP}).
     *
     * @param state the node's state from now on
     * @param cause why the store was lost, or {@code null} when it is back
     */
    default void stateChanged(ClusterState state, Throwable cause) {
    }

    /**
     * While down, the node kept more publishes for the store than its bound, and dropped the
     * oldest: {@code total} is how many it has dropped since it started. A dropped publish was
     * delivered to this node's members only, and its stage failed.
     *
     * @param total publishes dropped since the node started, at least 1
     */
    default void publishesDropped(long total) {
    }

    /**
     * The sink of {@code member} in {@code topic} threw (it stays a member), or, with
     * {@code member} {@code null}, a presence listener of {@code topic} did (it stays subscribed).
     *
     * @param topic the topic whose callback threw
     * @param member the member whose sink threw, or {@code null} for a presence listener
     * @param failure what it threw
     */
    default void callbackFailed(String topic, String member, RuntimeException failure) {
    }
}
