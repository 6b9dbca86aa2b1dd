package dev.wskit.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Prints the end-to-end comparison ({@code run-load.sh}'s result lines) as a markdown table of
 * medians: a row per point and measure, a column per server, each wskit transport with its ratio
 * to Netty's own stack ({@code ÷netty}) and wskit on Vert.x also to Vert.x's own ({@code ÷vertx}).
 * A ratio above 1 is better for the measures marked ↑, worse for those marked ↓. Then the
 * issue's targets, each met or missed by how much.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wskit.benchmarks.report.LoadTable results.txt}.
 */
public final class LoadTable {
    static final String NETTY = "netty-own";
    static final String VERTX = "vertx-own";
    static final String RAW = "raw-tcp";
    /** The servers in the order of the table's columns and the chart's bars: each wskit transport after its native stack. */
    static final List<String> SERVERS = List.of(NETTY, "wskit-netty", VERTX, "wskit-vertx", "wskit-blocking", RAW);

    /** A row: the point, the result key, its label, and whether higher is better. */
    record Measure(String point, String key, String label, boolean higherIsBetter) {
    }

    static final List<Measure> MEASURES = List.of(
            new Measure("latency", "p50_us", "p50 µs", false),
            new Measure("latency", "p99_us", "p99 µs", false),
            new Measure("latency", "p999_us", "p99.9 µs", false),
            new Measure("latency", "msgs_per_s", "msg/s", true),
            new Measure("small", "msgs_per_s", "msg/s", true),
            new Measure("small", "mb_per_s", "MB/s", true),
            new Measure("small", "p50_us", "p50 µs", false),
            new Measure("small", "p99_us", "p99 µs", false),
            new Measure("small", "p999_us", "p99.9 µs", false),
            new Measure("bulk", "mb_per_s", "MB/s", true),
            new Measure("bulk", "msgs_per_s", "msg/s", true),
            new Measure("bulk", "p50_us", "p50 µs", false),
            new Measure("bulk", "p99_us", "p99 µs", false),
            // permessage-deflate on both sides: MB of payload as the application sees it, uncompressed.
            new Measure("compressed", "mb_per_s", "MB/s (uncompressed)", true),
            new Measure("compressed", "msgs_per_s", "msg/s", true),
            new Measure("compressed", "p50_us", "p50 µs", false),
            new Measure("compressed", "p99_us", "p99 µs", false),
            new Measure("compressed", "server_cpu_us_per_msg", "server CPU µs/msg", false),
            new Measure("compressed", "server_cpu_share", "server CPU, share of a core", true),
            new Measure("compressed", "echo_compression_ratio", "echo bytes on the wire ÷ payload", false),
            new Measure("connect", "handshakes_per_s", "handshakes/s", true),
            new Measure("connect", "p99_us", "p99 µs per handshake", false),
            // Live heap first: after the warm-up, what grows outside the heap is noise around zero.
            new Measure("memory", "heap_per_conn_bytes", "live heap B/conn", false),
            new Measure("memory", "rss_per_conn_bytes", "RSS growth B/conn", false),
            new Measure("memory", "footprint_per_conn_bytes", "B/conn (live heap + RSS growth)", false),
            new Measure("memory-deflate", "heap_per_conn_bytes", "live heap B/conn", false),
            new Measure("memory-deflate", "rss_per_conn_bytes", "RSS growth B/conn", false),
            new Measure("memory-deflate", "footprint_per_conn_bytes", "B/conn (live heap + RSS growth)", false),
            // One publisher, many subscribers: messages received by all the subscribers together.
            new Measure("broadcast-64", "deliveries_per_s", "deliveries/s", true),
            new Measure("broadcast-64", "msgs_per_s", "msg/s published", true),
            new Measure("broadcast-64", "p50_us", "p50 µs publish→receipt", false),
            new Measure("broadcast-64", "p99_us", "p99 µs publish→receipt", false),
            new Measure("broadcast-64", "server_cpu_us_per_delivery", "server CPU µs/delivery", false),
            new Measure("broadcast-64", "server_cpu_share", "server CPU, share of a core", true),
            new Measure("broadcast-4k", "deliveries_per_s", "deliveries/s", true),
            new Measure("broadcast-4k", "mb_per_s", "MB/s delivered", true),
            new Measure("broadcast-4k", "p50_us", "p50 µs publish→receipt", false),
            new Measure("broadcast-4k", "p99_us", "p99 µs publish→receipt", false),
            new Measure("broadcast-4k", "server_cpu_us_per_delivery", "server CPU µs/delivery", false),
            new Measure("broadcast-4k", "server_cpu_share", "server CPU, share of a core", true));

    private LoadTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LoadTable <results.txt>");
            System.exit(2);
        }
        System.out.print(render(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)));
    }

    public static String render(String resultLines) {
        LoadRuns runs = LoadRuns.parse(resultLines);
        // The raw TCP column always: the ceiling (or floor) is part of reading every row, and a
        // point it has no run for says so ("–") rather than dropping the column.
        List<String> servers = SERVERS.stream()
                .filter(server -> server.equals(RAW) || MEASURES.stream().anyMatch(m -> runs.has(m.point(), server))).toList();
        StringBuilder out = new StringBuilder();
        out.append("| point | measure |");
        servers.forEach(server -> out.append(' ').append(server).append(" |"));
        out.append("\n| --- | --- |");
        servers.forEach(server -> out.append(" ---: |"));
        out.append('\n');
        for (Measure measure : MEASURES) {
            if (servers.stream().noneMatch(server -> runs.median(measure.point(), server, measure.key()).isPresent())) {
                continue;
            }
            out.append("| ").append(measure.point()).append(" | ").append(measure.label())
                    .append(measure.higherIsBetter() ? " ↑" : " ↓").append(" |");
            for (String server : servers) {
                out.append(' ').append(cell(runs, measure, server)).append(" |");
            }
            out.append('\n');
        }
        List<String> agreed = servers.stream().filter(server -> !runs.values("compressed", server, "deflate").isEmpty())
                .map(server -> server + ": " + String.join(" / ", runs.values("compressed", server, "deflate"))).toList();
        if (!agreed.isEmpty()) {
            out.append("\npermessage-deflate agreed at the compressed point (the load tool offers it without parameters): ")
                    .append(String.join("; ", agreed)).append(".\n");
        }
        out.append('\n').append(LoadTargets.render(runs));
        List<String> errors = runs.errors();
        if (!errors.isEmpty()) {
            out.append("\nFailed runs (left out of the medians):\n");
            errors.forEach(error -> out.append("- ").append(error).append('\n'));
        }
        return out.toString();
    }

    private static String cell(LoadRuns runs, Measure measure, String server) {
        OptionalDouble value = runs.median(measure.point(), server, measure.key());
        long failures = runs.failures(measure.point(), server);
        String failed = failures > 0 ? " (" + failures + " failed)" : "";
        if (value.isEmpty()) {
            return runs.has(measure.point(), server) ? "failed" : "–";
        }
        StringBuilder cell = new StringBuilder(number(value.getAsDouble()));
        if (server.startsWith("wskit-")) {
            ratio(runs, measure, NETTY, value.getAsDouble()).ifPresent(r -> cell.append(" (").append(r).append(" ÷netty)"));
            if (server.equals("wskit-vertx")) {
                ratio(runs, measure, VERTX, value.getAsDouble()).ifPresent(r -> cell.append(" (").append(r).append(" ÷vertx)"));
            }
        }
        return cell.append(failed).toString();
    }

    private static Optional<String> ratio(LoadRuns runs, Measure measure, String baseline, double value) {
        OptionalDouble base = runs.median(measure.point(), baseline, measure.key());
        if (base.isEmpty() || base.getAsDouble() == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%.2f×", value / base.getAsDouble()));
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        return String.format(Locale.ROOT, magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : "%.2f", value);
    }
}
