package dev.wskit.cluster;

/** Hears members join and leave a topic; called on the node's delivery thread, which it must not block. */
@FunctionalInterface
public interface PresenceListener {
    /**
     * A member joined or left.
     *
     * @param event who, in which topic, and whether it joined or left
     */
    void presenceChanged(PresenceEvent event);
}
