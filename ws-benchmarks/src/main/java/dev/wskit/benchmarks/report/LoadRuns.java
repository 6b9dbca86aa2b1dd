package dev.wskit.benchmarks.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The load tool's {@code RESULT key=value …} lines of a whole comparison, each labelled with
 * {@code point=} and {@code server=}, and their medians. A run that failed ({@code errors} above
 * 0) counts as a failure of its point and server and never enters a median.
 */
final class LoadRuns {
    private final List<Map<String, String>> runs = new ArrayList<>();

    static LoadRuns parse(String lines) {
        LoadRuns parsed = new LoadRuns();
        lines.lines().filter(line -> line.startsWith("RESULT ")).forEach(line -> {
            Map<String, String> run = new HashMap<>();
            for (String pair : line.substring("RESULT ".length()).trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    run.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            parsed.runs.add(run);
        });
        return parsed;
    }

    /** Every run, as its key=value pairs, in the order read. */
    List<Map<String, String>> all() {
        return runs;
    }

    /** The median of {@code metric} over the successful runs of the point and server, if any. */
    OptionalDouble median(String point, String server, String metric) {
        double[] values = runs.stream()
                .filter(run -> matches(run, point, server) && !failed(run) && run.containsKey(metric))
                .mapToDouble(run -> Double.parseDouble(run.get(metric)))
                .sorted().toArray();
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        int mid = values.length / 2;
        return OptionalDouble.of(values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2);
    }

    /** Successful runs of the point and server. */
    long successes(String point, String server) {
        return runs.stream().filter(run -> matches(run, point, server) && !failed(run)).count();
    }

    long failures(String point, String server) {
        return runs.stream().filter(run -> matches(run, point, server) && failed(run)).count();
    }

    /** The first failure's error text, for the notes under the table. */
    List<String> errors() {
        return runs.stream().filter(LoadRuns::failed)
                .map(run -> run.get("point") + " " + run.get("server") + ": " + run.getOrDefault("error", "errors=" + run.get("errors")))
                .distinct().toList();
    }

    /**
     * The distinct non-empty values of {@code key} over the runs of {@code point}, in the order
     * first read: a setting of the point, or a label the script puts on every run.
     */
    List<String> values(String point, String key) {
        return runs.stream().filter(run -> point.equals(run.get("point")))
                .map(run -> run.getOrDefault(key, "")).filter(value -> !value.isEmpty()).distinct().toList();
    }

    /** The same over the runs of {@code point} on {@code server}. */
    List<String> values(String point, String server, String key) {
        return runs.stream().filter(run -> matches(run, point, server))
                .map(run -> run.getOrDefault(key, "")).filter(value -> !value.isEmpty()).distinct().toList();
    }

    /** The same over every run, whatever its point. */
    List<String> values(String key) {
        return runs.stream().map(run -> run.getOrDefault(key, "")).filter(value -> !value.isEmpty()).distinct().toList();
    }

    boolean has(String point, String server) {
        return runs.stream().anyMatch(run -> matches(run, point, server));
    }

    private static boolean matches(Map<String, String> run, String point, String server) {
        return point.equals(run.get("point")) && server.equals(run.get("server"));
    }

    private static boolean failed(Map<String, String> run) {
        return !"0".equals(run.getOrDefault("errors", "0"));
    }
}
