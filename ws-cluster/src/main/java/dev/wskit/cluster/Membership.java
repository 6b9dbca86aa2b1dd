package dev.wskit.cluster;

import java.util.concurrent.CompletionStage;

/** A member's place in a topic, from {@link Cluster#join}; closing it leaves the topic. */
public interface Membership extends AutoCloseable {

    String topic();

    String member();

    /**
     * Completes when the member is live: what it resumed is handed to its sink, it is present,
     * and every message published from then on reaches it. Fails if the join could not be made.
     */
    CompletionStage<Void> live();

    /** Leaves the topic: the sink gets nothing more, and the member is no longer present. */
    @Override
    void close();
}
