package dev.wskit.cluster;

import java.util.concurrent.CompletionStage;

/** A presence watch, from {@link Cluster#watchPresence}; closing it stops the events. */
public interface Subscription extends AutoCloseable {

    /**
     * Completes when the watch is in place: every join and leave from then on, on any node, is
     * heard. Fails if the watch could not be made.
     *
     * @return a stage completing when the watch is live
     */
    CompletionStage<Void> live();

    @Override
    void close();
}
