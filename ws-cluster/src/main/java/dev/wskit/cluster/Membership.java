package dev.wskit.cluster;

import java.util.concurrent.CompletionStage;

/** A member's place in a topic, from {@link Cluster#join}; closing it leaves the topic. */
public interface Membership extends AutoCloseable {

    /**
     * The topic joined.
     *
     * @return the topic's name
     */
    String topic();

    /**
     * The member's name in the topic.
     *
     * @return the name given to {@link Cluster#join}
     */
    String member();

    /**
     * Completes when the member is live: what it resumed is handed to its sink, it is present,
     * and every message published from then on reaches it. Fails if the join could not be made.
     *
     * @return a stage completing when the member is live
     */
    CompletionStage<Void> live();

    /** Leaves the topic: the sink gets nothing more, and the member is no longer present. */
    @Override
    void close();
}
