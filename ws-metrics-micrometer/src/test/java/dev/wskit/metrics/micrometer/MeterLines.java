package dev.wskit.metrics.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A registry's meters as sorted lines, {@code name{key=value,...} N}, so a test states every meter
 * it expects at once and an unexpected one fails it. A counter or gauge shows its value, a timer its
 * count, a distribution summary its count and total ({@code count=2,total=10}).
 */
final class MeterLines {
    /** How long the server's events may take to arrive after the client saw the end. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private MeterLines() {
    }

    static List<String> of(MeterRegistry registry) {
        return registry.getMeters().stream().map(MeterLines::line).sorted().collect(Collectors.toList());
    }

    /**
     * The lines once {@code ready} holds for them: the server hears a connection's end on its own
     * thread, after the client has seen it. Fails after {@link #WAIT}, with the lines seen last.
     */
    static List<String> awaitOf(MeterRegistry registry, Predicate<List<String>> ready) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> lines = of(registry);
        while (!ready.test(lines)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("meters not as awaited within " + WAIT + ": " + lines);
            }
            Thread.sleep(10);
            lines = of(registry);
        }
        return lines;
    }

    /** Whether a close was counted, which the listener does last of a connection's end. */
    static boolean closeCounted(List<String> lines) {
        return lines.stream().anyMatch(line -> line.startsWith(WskitMeters.CLOSES + "{"));
    }

    private static String line(Meter meter) {
        String tags = meter.getId().getTags().stream()
                .map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(","));
        return meter.getId().getName() + "{" + tags + "} " + value(meter);
    }

    private static String value(Meter meter) {
        if (meter instanceof DistributionSummary summary) {
            return "count=" + summary.count() + ",total=" + (long) summary.totalAmount();
        }
        return Long.toString(number(meter));
    }

    private static long number(Meter meter) {
        if (meter instanceof Counter counter) {
            return (long) counter.count();
        }
        if (meter instanceof Gauge gauge) {
            return (long) gauge.value();
        }
        if (meter instanceof Timer timer) {
            return timer.count();
        }
        throw new AssertionError("a meter the listener does not make: " + meter.getId());
    }
}
