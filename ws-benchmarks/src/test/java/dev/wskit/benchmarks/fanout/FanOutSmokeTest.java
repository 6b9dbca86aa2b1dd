package dev.wskit.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.testkit.RedisServer;
import org.junit.jupiter.api.Test;

/**
 * A short run of the fan-out benchmark on a real redis-server, so the tool the README's figures
 * come from keeps working: with 1 and 2 nodes every subscriber gets every message, once, in
 * order, and the latency to the last node's subscribers is measured. 10 to 15 s; skipped where
 * redis-server is not installed.
 */
class FanOutSmokeTest {

    @Test
    void everySubscriberOnEveryNodeGetsEveryMessageOnceInOrder() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            FanOutOptions options = FanOutOptions.parse("--redis", redis.uri(), "--subscribers", "20", "--rate", "50",
                    "--warmup", "0.5", "--seconds", "1");
            for (int nodes : new int[] {1, 2}) {
                FanOutResult result = new FanOutRun(options, nodes).run();

                assertThat(result.published()).isPositive();
                assertThat(result.lost()).as("%d nodes: messages missing", nodes).isZero();
                assertThat(result.outOfOrder()).as("%d nodes: messages out of order or twice", nodes).isZero();
                assertThat(result.deliveriesPerSecond()).isPositive();
                assertThat(result.p99Millis()).isGreaterThanOrEqualTo(result.p50Millis()).isGreaterThan(0);
            }
        }
    }
}
