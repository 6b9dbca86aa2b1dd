package dev.wskit.benchmarks.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws the end-to-end comparison ({@code run-load.sh}'s result lines, read by the same
 * {@link LoadRuns} as {@link LoadTable}) as an SVG chart: a row per point with traffic, each with
 * the median rate per server and the median p99 per server, Netty's and Vert.x's own stacks
 * beside wskit's transports. The title names each point's settings, and the JDK and date when
 * the runs carry them as {@code jdk} and {@code date} labels. The memory point has no rate and
 * stays in the table.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wskit.benchmarks.report.LoadChart results.txt chart.svg}.
 */
public final class LoadChart {
    /**
     * A point the chart shows and its rate: messages for the echo points, handshakes for connect,
     * deliveries (messages received by all subscribers together) for broadcast.
     */
    private record ChartPoint(String point, String rateKey, String rateUnit) {
    }

    private static final List<ChartPoint> POINTS = List.of(
            new ChartPoint("latency", "msgs_per_s", "msg/s"),
            new ChartPoint("small", "msgs_per_s", "msg/s"),
            new ChartPoint("bulk", "msgs_per_s", "msg/s"),
            new ChartPoint("compressed", "msgs_per_s", "msg/s"),
            new ChartPoint("connect", "handshakes_per_s", "handshakes/s"),
            new ChartPoint("broadcast-64", "deliveries_per_s", "deliveries/s"),
            new ChartPoint("broadcast-4k", "deliveries_per_s", "deliveries/s"));

    private static final int WIDTH = 1000;
    private static final int MARGIN = 20;
    private static final int LINE = 18;
    private static final int ROW_HEIGHT = 250;
    /** Characters per subtitle line at 12 px, so the settings wrap inside the width. */
    private static final int LINE_CHARS = 140;

    private LoadChart() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LoadChart <results.txt> <chart.svg>");
            System.exit(2);
        }
        Optional<String> chart = render(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        if (chart.isEmpty()) {
            System.err.println("No chart: no point with traffic in " + args[0]);
            return;
        }
        Path target = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(target.getParent()); // CHART may name a directory not made yet
        Files.writeString(target, chart.get(), StandardCharsets.UTF_8);
        System.err.println("Chart: " + args[1]);
    }

    /** The SVG document, or nothing when no point the chart shows has a run. */
    public static Optional<String> render(String resultLines) {
        LoadRuns runs = LoadRuns.parse(resultLines);
        List<ChartPoint> points = POINTS.stream()
                .filter(p -> LoadTable.SERVERS.stream().anyMatch(server -> runs.has(p.point(), server))).toList();
        if (points.isEmpty()) {
            return Optional.empty();
        }
        List<String> servers = LoadTable.SERVERS.stream()
                .filter(server -> points.stream().anyMatch(p -> runs.has(p.point(), server))).toList();
        List<String> subtitle = subtitle(runs, points);

        int legendTop = MARGIN + 10 + LINE * subtitle.size() + 8;
        int rowsTop = legendTop + 40;
        Svg svg = new Svg(WIDTH, rowsTop + ROW_HEIGHT * points.size() + MARGIN);
        svg.empty("rect", "x", "0", "y", "0", "width", "100%", "height", "100%", "fill", "#ffffff");
        svg.text("End to end: wskit's transports against Netty's and Vert.x's own WebSocket stacks",
                "x", Svg.number(MARGIN), "y", Svg.number(MARGIN + 10), "font-size", "17", "font-weight", "bold", "fill", "#111");
        for (int i = 0; i < subtitle.size(); i++) {
            svg.text(subtitle.get(i), "x", Svg.number(MARGIN), "y", Svg.number(MARGIN + 10 + LINE * (i + 1)),
                    "font-size", "12", "fill", "#333");
        }
        legend(svg, servers, legendTop);
        double panelWidth = (WIDTH - 3.0 * MARGIN) / 2;
        for (int i = 0; i < points.size(); i++) {
            ChartPoint point = points.get(i);
            double top = rowsTop + ROW_HEIGHT * i;
            svg.text(point.point(), "x", Svg.number(MARGIN), "y", Svg.number(top + 14), "font-size", "15",
                    "font-weight", "bold", "fill", "#111");
            rate(runs, point, servers).draw(svg, MARGIN, top + 24, panelWidth, ROW_HEIGHT - 34);
            p99(runs, point, servers).draw(svg, 2 * MARGIN + panelWidth, top + 24, panelWidth, ROW_HEIGHT - 34);
        }
        return Optional.of(svg.document());
    }

    private static BarPanel rate(LoadRuns runs, ChartPoint point, List<String> servers) {
        return new BarPanel("bar-" + point.point() + "-rate", point.rateUnit() + ", median of the runs: higher is better",
                point.rateUnit(), point.rateUnit(), bars(runs, point.point(), point.rateKey(), servers));
    }

    private static BarPanel p99(LoadRuns runs, ChartPoint point, List<String> servers) {
        String per = point.point().equals("connect") ? " per handshake" : "";
        return new BarPanel("bar-" + point.point() + "-p99", "p99 latency" + per + ", µs, median of the runs' p99: lower is better",
                "p99 µs" + per, "µs p99", bars(runs, point.point(), "p99_us", servers));
    }

    private static List<BarPanel.Bar> bars(LoadRuns runs, String point, String key, List<String> servers) {
        return servers.stream()
                .map(server -> new BarPanel.Bar(server, runs.median(point, server, key), runs.failures(point, server)))
                .toList();
    }

    /** Each point's settings, then the measuring time, repetitions, JDK and date: wrapped into lines. */
    private static List<String> subtitle(LoadRuns runs, List<ChartPoint> points) {
        List<String> parts = new ArrayList<>();
        for (ChartPoint point : points) {
            parts.add(PointSettings.describe(runs, point.point()));
        }
        // What each run measured, a few milliseconds over DURATION: the middle one, to a tenth.
        double[] durations = runs.values("duration_s").stream().mapToDouble(Double::parseDouble).sorted().toArray();
        if (durations.length > 0) {
            BigDecimal middle = BigDecimal.valueOf(durations[durations.length / 2]).setScale(1, RoundingMode.HALF_EVEN);
            parts.add("about " + middle.stripTrailingZeros().toPlainString() + " s measured per point");
        }
        int repetitions = runs.values("rep").size();
        if (repetitions > 0) {
            parts.add("medians of " + repetitions + (repetitions == 1 ? " run" : " runs") + " per server");
        }
        runs.values("jdk").forEach(jdk -> parts.add("JDK " + jdk));
        parts.addAll(runs.values("date"));

        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String part : parts) {
            if (line.length() > 0 && line.length() + 3 + part.length() > LINE_CHARS) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " · " : "").append(part);
        }
        lines.add(line.toString());
        return lines;
    }

    /** A swatch and name per server, grouped: the native stacks, wskit's transports, the ceiling. */
    private static void legend(Svg svg, List<String> servers, int top) {
        double x = MARGIN;
        for (ServerStyle.Kind kind : ServerStyle.Kind.values()) {
            List<String> members = servers.stream().filter(server -> ServerStyle.of(server).kind() == kind).toList();
            if (members.isEmpty()) {
                continue;
            }
            svg.text(kind.caption, "x", Svg.number(x), "y", Svg.number(top + 12), "font-size", "12", "font-weight", "bold",
                    "fill", "#333");
            x += textWidth(kind.caption, 12) + 8;
            for (String server : members) {
                ServerStyle style = ServerStyle.of(server);
                svg.empty("rect", "x", Svg.number(x), "y", Svg.number(top + 1), "width", "14", "height", "14",
                        "fill", style.fill(), "stroke", style.stroke(), "stroke-width", "1", "stroke-dasharray", style.dash());
                svg.text(server, "x", Svg.number(x + 19), "y", Svg.number(top + 12), "font-size", "12", "fill", "#333");
                x += 19 + textWidth(server, 12) + 14;
            }
            x += 14;
        }
    }

    /** A generous estimate of a sans-serif text's width, since no font metrics are at hand. */
    private static double textWidth(String text, double fontSize) {
        return text.length() * fontSize * 0.55;
    }
}
