package dev.wskit.cluster;

import dev.wskit.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** The shared semantics on a node of a Redis cluster, against a real redis-server. */
class RedisClusterSemanticsTest extends ClusterSemanticsTest {
    /** One server for the class, each test on a topic of its own. */
    private static RedisServer redis;

    /**
     * Started before the first test rather than before all: without redis-server each test is
     * then reported skipped with the reason, where an assumption failing before all of them
     * leaves Surefire counting none.
     */
    @BeforeEach
    void startRedis() throws Exception {
        if (redis == null) {
            redis = RedisServer.start();
        }
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }

    @Override
    protected Cluster start(HistoryBounds history) {
        return RedisCluster.builder(redis.uri()).history(history).connect();
    }
}
