package dev.wskit.cluster;

/** A presence watch, from {@link Cluster#watchPresence}; closing it stops the events. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
