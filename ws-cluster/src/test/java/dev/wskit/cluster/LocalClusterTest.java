package dev.wskit.cluster;

/** The shared semantics on the in-memory cluster. */
class LocalClusterTest extends ClusterSemanticsTest {
    @Override
    protected Cluster start(HistoryBounds history) {
        return LocalCluster.create(history, ClusterListener.NONE);
    }
}
