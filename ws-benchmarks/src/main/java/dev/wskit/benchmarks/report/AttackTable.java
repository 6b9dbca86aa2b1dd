package dev.wskit.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The attack suite's markdown table, from the attack tool's {@code RESULT} lines (run-attacks.sh
 * collects them, one per attack and server, plus a {@code stopped_s} the script adds: how long
 * the server took to exit after SIGTERM):
 *
 * <pre>java -cp benchmarks.jar dev.wskit.benchmarks.report.AttackTable results.txt</pre>
 *
 * One row per attack and server, in the order run: what the server did to the attacking
 * connections, how the healthy client fared (echoes that failed, p99), the peak and the settled
 * heap, and whether it printed {@code OutOfMemoryError}.
 */
public final class AttackTable {
    private static final List<String> COLUMNS = List.of(
            "Attack", "Server", "What the server did", "Healthy client: failures, p99", "Peak heap",
            "Live heap before -> after", "OOM", "Serves after", "Stop");

    private AttackTable() {
    }

    public static void main(String[] args) throws IOException {
        System.out.print(render(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)));
    }

    public static String render(String lines) {
        StringBuilder out = new StringBuilder();
        out.append(row(COLUMNS));
        out.append(row(COLUMNS.stream().map(c -> "---").toList()));
        for (Map<String, String> run : LoadRuns.parse(lines).all()) {
            List<String> cells = new ArrayList<>();
            cells.add(run.getOrDefault("attack", "?"));
            cells.add(run.getOrDefault("server", "?"));
            cells.add(text(run.getOrDefault("outcome", "")));
            cells.add(healthy(run));
            cells.add(megabytes(run.get("heap_peak_mb")));
            cells.add(megabytes(run.get("heap_before_mb")) + " -> " + megabytes(run.get("heap_after_mb")));
            cells.add(oom(run.get("oom_lines")));
            cells.add("true".equals(run.get("serves_after")) ? "yes" : "**no**");
            cells.add(stop(run.get("stopped_s")));
            out.append(row(cells));
        }
        return out.toString();
    }

    private static String healthy(Map<String, String> run) {
        String failures = run.getOrDefault("healthy_failures", "?");
        String p99 = run.getOrDefault("healthy_p99_ms", "?") + " ms";
        String echoes = run.getOrDefault("healthy_echoes", "?") + " echoes";
        return "0".equals(failures) ? "0, " + p99 + " (" + echoes + ")"
                : "**" + failures + "**, " + p99 + " (" + echoes + "; " + text(run.getOrDefault("healthy_error", "")) + ")";
    }

    private static String megabytes(String value) {
        if (value == null || value.startsWith("-")) {
            return "n/a";
        }
        return Math.round(Double.parseDouble(value)) + " MB";
    }

    private static String oom(String lines) {
        if (lines == null) {
            return "n/a";
        }
        return "0".equals(lines) ? "no" : "**yes**";
    }

    private static String stop(String seconds) {
        if (seconds == null) {
            return "n/a";
        }
        return seconds.startsWith("-") ? "**killed**" : seconds + " s";
    }

    /** The tool writes text as one token, spaces as no-break spaces; a table cell may not hold a pipe. */
    private static String text(String value) {
        return value.replace('\u00a0', ' ').replace("|", "\\|");
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
