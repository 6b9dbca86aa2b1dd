package dev.wskit.cluster;

/**
 * A publish the node kept while Redis was down and then dropped, its bound of kept publishes
 * reached: it reached this node's members only.
 */
public final class ClusterDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClusterDownException(String message) {
        super(message);
    }
}
