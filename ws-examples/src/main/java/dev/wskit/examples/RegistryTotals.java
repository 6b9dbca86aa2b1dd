package dev.wskit.examples;

import dev.wskit.metrics.micrometer.WskitMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the wskit meters of a registry hold at one moment, summed over transports and roles: the
 * connections open now and the running totals of messages and frame bytes each way. The numbers a
 * Prometheus scrape of the same registry would show, read in-process.
 *
 * @param nanos when they were read, on {@link System#nanoTime()}'s clock
 */
record RegistryTotals(long nanos, long open, double messagesIn, double messagesOut, double bytesIn,
                      double bytesOut) {

    static RegistryTotals read(MeterRegistry registry) {
        long open = Math.round(registry.find(WskitMeters.CONNECTIONS_OPEN).gauges().stream()
                .mapToDouble(Gauge::value).sum());
        return new RegistryTotals(System.nanoTime(), open,
                total(registry, WskitMeters.MESSAGES, WskitMeters.IN),
                total(registry, WskitMeters.MESSAGES, WskitMeters.OUT),
                total(registry, WskitMeters.FRAME_BYTES, WskitMeters.IN),
                total(registry, WskitMeters.FRAME_BYTES, WskitMeters.OUT));
    }

    /** A counter's count over all its series of one direction; 0 before the first connection closed. */
    private static double total(MeterRegistry registry, String counter, String direction) {
        return registry.find(counter).tag(WskitMeters.DIRECTION, direction).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
