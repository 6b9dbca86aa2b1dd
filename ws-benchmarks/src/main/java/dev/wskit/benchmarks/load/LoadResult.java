package dev.wskit.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one run: ordered {@code key=value} pairs, printed as one machine-readable line
 * ({@code RESULT key=value …}, what the script collects) and as a human summary.
 * A run that failed carries {@code errors} above 0 and an {@code error} text.
 */
public final class LoadResult {
    private final Map<String, String> values = new LinkedHashMap<>();

    public LoadResult put(String key, Object value) {
        String text = value instanceof Double ? String.format(Locale.ROOT, "%.2f", (Double) value) : String.valueOf(value);
        // One token per value, so the line splits on spaces.
        values.put(key, text.replaceAll("\\s+", "_"));
        return this;
    }

    public LoadResult putAll(Map<String, String> labels) {
        labels.forEach(this::put);
        return this;
    }

    public String get(String key) {
        return values.get(key);
    }

    public long getLong(String key) {
        return Long.parseLong(values.get(key));
    }

    public double getDouble(String key) {
        return Double.parseDouble(values.get(key));
    }

    public boolean failed() {
        return values.containsKey("errors") && getLong("errors") > 0;
    }

    public String line() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ", "RESULT ", ""));
    }

    /** The same pairs, one per line, aligned. */
    public String summary() {
        return values.entrySet().stream().map(e -> String.format(Locale.ROOT, "  %-20s %s", e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n"));
    }
}
