package dev.wskit.cluster;

/** Whether a node reaches the store that joins it to the others. */
public enum ClusterState {
    /** Publishes reach every node. */
    UP,
    /** Only this node's members get its publishes; they are kept, up to a bound, for the others. */
    DOWN
}
