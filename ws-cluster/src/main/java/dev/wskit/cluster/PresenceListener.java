package dev.wskit.cluster;

/** Hears members join and leave a topic; called on the node's delivery thread, which it must not block. */
@FunctionalInterface
public interface PresenceListener {
    void presenceChanged(PresenceEvent event);
}
