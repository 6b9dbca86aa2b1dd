package dev.wskit.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared semantics on a node of a Redis cluster, against a real redis-server. */
class RedisClusterSemanticsTest extends ClusterSemanticsTest {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected Cluster start(HistoryBounds history) {
        return RedisCluster.builder(redis.uri()).history(history).connect();
    }
}
