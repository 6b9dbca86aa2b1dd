package dev.wskit.benchmarks.fanout;

import org.HdrHistogram.Histogram;

/**
 * One point: {@code nodes} nodes, {@code subscribers} subscribers, what they received per second
 * in the measured window, the latency from publish on node A to delivery on the last node's
 * subscribers, and what did not arrive once and in order.
 */
record FanOutResult(int nodes, int subscribers, int rate, long published, double deliveriesPerSecond,
                    double p50Millis, double p99Millis, long lost, long outOfOrder) {

    static FanOutResult of(FanOutOptions options, int nodes, long published, double deliveriesPerSecond,
                           Histogram latency, long lost, long outOfOrder) {
        return new FanOutResult(nodes, options.subscribers(), options.rate(), published, deliveriesPerSecond,
                millis(latency, 50), millis(latency, 99), lost, outOfOrder);
    }

    static String header() {
        return "| nodes | subscribers | published/s on node A | deliveries/s | p50 ms (A → last node) | p99 ms | lost | out of order |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    String row() {
        return String.format("| %d | %d | %d | %.0f | %.2f | %.2f | %d | %d |",
                nodes, subscribers, rate, deliveriesPerSecond, p50Millis, p99Millis, lost, outOfOrder);
    }

    private static double millis(Histogram nanos, double percentile) {
        return nanos.getTotalCount() == 0 ? Double.NaN : nanos.getValueAtPercentile(percentile) / 1e6;
    }
}
