package dev.wskit.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The end-to-end targets of issue 10, checked against the medians of one comparison: each line
 * says met or missed and by how much. The benchmark reports them; no test asserts them, since a
 * shared two-core machine cannot be held to a ratio.
 */
final class LoadTargets {
    private LoadTargets() {
    }

    /** A target: {@code server}'s median over {@code baseline}'s, at least (or at most) {@code bound}. */
    private record Target(String point, String key, String server, String baseline, double bound, boolean atLeast) {
        String describe() {
            return String.format(Locale.ROOT, "%s %s: %s ÷ %s %s %.1f", point, key, server, baseline, atLeast ? "≥" : "≤", bound);
        }
    }

    private static final List<Target> TARGETS = List.of(
            new Target("small", "msgs_per_s", "wskit-netty", LoadTable.NETTY, 1.0, true),
            new Target("small", "p99_us", "wskit-netty", LoadTable.NETTY, 1.1, false),
            new Target("bulk", "mb_per_s", "wskit-netty", LoadTable.NETTY, 1.0, true),
            new Target("bulk", "p99_us", "wskit-netty", LoadTable.NETTY, 1.1, false),
            new Target("latency", "p99_us", "wskit-netty", LoadTable.NETTY, 1.1, false),
            new Target("small", "msgs_per_s", "wskit-vertx", LoadTable.VERTX, 1.0, true),
            new Target("small", "p99_us", "wskit-vertx", LoadTable.VERTX, 1.1, false),
            new Target("bulk", "mb_per_s", "wskit-vertx", LoadTable.VERTX, 1.0, true),
            new Target("bulk", "p99_us", "wskit-vertx", LoadTable.VERTX, 1.1, false),
            new Target("latency", "p99_us", "wskit-vertx", LoadTable.VERTX, 1.1, false),
            new Target("small", "msgs_per_s", "wskit-blocking", LoadTable.NETTY, 0.7, true),
            new Target("memory", "heap_per_conn_bytes", "wskit-netty", LoadTable.NETTY, 1.0, false),
            new Target("memory", "heap_per_conn_bytes", "wskit-vertx", LoadTable.NETTY, 1.0, false),
            new Target("memory", "heap_per_conn_bytes", "wskit-blocking", LoadTable.NETTY, 1.0, false));

    static String render(LoadRuns runs) {
        StringBuilder out = new StringBuilder("Targets (issue 10), on the medians above:\n\n");
        for (Target target : TARGETS) {
            OptionalDouble value = runs.median(target.point(), target.server(), target.key());
            OptionalDouble base = runs.median(target.point(), target.baseline(), target.key());
            if (value.isEmpty() || base.isEmpty() || base.getAsDouble() <= 0) {
                continue;
            }
            double ratio = value.getAsDouble() / base.getAsDouble();
            boolean met = target.atLeast() ? ratio >= target.bound() : ratio <= target.bound();
            String verdict = met ? "met" : String.format(Locale.ROOT, "MISSED by %.0f%%",
                    100 * Math.abs(ratio - target.bound()) / target.bound());
            out.append(String.format(Locale.ROOT, "- %s — %.2f×: %s%n", target.describe(), ratio, verdict));
        }
        return out.toString();
    }
}
