package dev.wskit.benchmarks.load;

import org.HdrHistogram.Histogram;

/** Puts a latency histogram's percentiles into a result, in microseconds. */
public final class Latencies {
    private Latencies() {
    }

    public static void put(LoadResult result, Histogram nanos) {
        result.put("p50_us", micros(nanos, 50))
                .put("p99_us", micros(nanos, 99))
                .put("p999_us", micros(nanos, 99.9))
                .put("max_us", nanos.getTotalCount() == 0 ? 0.0 : nanos.getMaxValue() / 1e3);
    }

    private static double micros(Histogram nanos, double percentile) {
        return nanos.getTotalCount() == 0 ? 0.0 : nanos.getValueAtPercentile(percentile) / 1e3;
    }
}
