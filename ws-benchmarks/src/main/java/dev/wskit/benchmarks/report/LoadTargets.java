package dev.wskit.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The end-to-end targets of the performance round (issue 19), checked against the medians of one
 * comparison: each line says met or missed and by how much. The benchmark reports them; no test
 * asserts them, since a shared two-core machine cannot be held to a ratio.
 */
final class LoadTargets {
    private LoadTargets() {
    }

    /**
     * A target: {@code server}'s median at {@code point} over {@code baseline}'s at
     * {@code baselinePoint}, at least (or at most) {@code bound}.
     */
    private record Target(String point, String key, String server, String baselinePoint, String baseline,
                          double bound, boolean atLeast) {
        /** Against another server at the same point. */
        Target(String point, String key, String server, String baseline, double bound, boolean atLeast) {
            this(point, key, server, point, baseline, bound, atLeast);
        }

        String describe() {
            String against = baselinePoint.equals(point) ? baseline : baseline + " at " + baselinePoint;
            return String.format(Locale.ROOT, "%s %s: %s ÷ %s %s %.1f", point, key, server, against, atLeast ? "≥" : "≤", bound);
        }
    }

    private static final List<Target> TARGETS = List.of(
            // Near the wire.
            new Target("small", "msgs_per_s", "wskit-netty", LoadTable.RAW, 0.8, true),
            new Target("bulk", "mb_per_s", "wskit-netty", LoadTable.RAW, 0.8, true),
            new Target("latency", "msgs_per_s", "wskit-vertx", LoadTable.VERTX, 1.0, true),
            new Target("small", "msgs_per_s", "wskit-vertx", LoadTable.VERTX, 1.0, true),
            new Target("bulk", "mb_per_s", "wskit-vertx", LoadTable.VERTX, 1.0, true),
            new Target("connect", "handshakes_per_s", "wskit-vertx", LoadTable.VERTX, 1.0, true),
            new Target("small", "msgs_per_s", "wskit-blocking", LoadTable.NETTY, 1.0, true),
            new Target("bulk", "p99_us", "wskit-blocking", LoadTable.NETTY, 1.5, false),
            // Compression on both sides, against Netty's own compressing server; the target is
            // wskit on Netty's, the other transports are held to the same bound for the record.
            new Target("compressed", "mb_per_s", "wskit-netty", LoadTable.NETTY, 1.0, true),
            new Target("compressed", "mb_per_s", "wskit-vertx", LoadTable.NETTY, 1.0, true),
            new Target("compressed", "mb_per_s", "wskit-blocking", LoadTable.NETTY, 1.0, true),
            // Memory per idle connection.
            new Target("memory", "heap_per_conn_bytes", "wskit-netty", LoadTable.NETTY, 1.0, false),
            new Target("memory", "heap_per_conn_bytes", "wskit-blocking", LoadTable.NETTY, 1.2, false),
            // With permessage-deflate negotiated, at most twice an uncompressed idle connection.
            new Target("memory-deflate", "footprint_per_conn_bytes", "wskit-netty", "memory", "wskit-netty", 2.0, false),
            new Target("memory-deflate", "footprint_per_conn_bytes", "wskit-vertx", "memory", "wskit-vertx", 2.0, false),
            new Target("memory-deflate", "footprint_per_conn_bytes", "wskit-blocking", "memory", "wskit-blocking", 2.0, false),
            // Broadcast: each message encoded once and shared (PreparedMessage) against Netty's
            // ChannelGroup of retained duplicates; the target is wskit on Netty's, the other
            // transports are held to the same bound for the record.
            new Target("broadcast-64", "deliveries_per_s", "wskit-netty", LoadTable.NETTY, 1.5, true),
            new Target("broadcast-4k", "deliveries_per_s", "wskit-netty", LoadTable.NETTY, 1.5, true),
            new Target("broadcast-64", "deliveries_per_s", "wskit-vertx", LoadTable.NETTY, 1.5, true),
            new Target("broadcast-4k", "deliveries_per_s", "wskit-vertx", LoadTable.NETTY, 1.5, true),
            new Target("broadcast-64", "deliveries_per_s", "wskit-blocking", LoadTable.NETTY, 1.5, true),
            new Target("broadcast-4k", "deliveries_per_s", "wskit-blocking", LoadTable.NETTY, 1.5, true));

    static String render(LoadRuns runs) {
        StringBuilder out = new StringBuilder("Targets (issue 19), on the medians above:\n\n");
        for (Target target : TARGETS) {
            OptionalDouble value = runs.median(target.point(), target.server(), target.key());
            OptionalDouble base = runs.median(target.baselinePoint(), target.baseline(), target.key());
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
