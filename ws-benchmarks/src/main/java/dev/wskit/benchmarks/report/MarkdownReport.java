package dev.wskit.benchmarks.report;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a JMH JSON result file ({@code -rf json}) as markdown: one table per benchmark class,
 * one row per parameter case and method, with the median over all measured iterations of all
 * forks, their range, the allocation per operation when {@code -prof gc} ran, and the median
 * divided by each {@link Baseline} method's median for the same case.
 *
 * <p>Medians, not JMH's mean: on a noisy machine one disturbed iteration moves a mean and not a
 * median. Usage: {@code java -cp benchmarks.jar dev.wskit.benchmarks.report.MarkdownReport result.json}.
 */
public final class MarkdownReport {
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    private MarkdownReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MarkdownReport <jmh-result.json>");
            System.exit(2);
        }
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        System.out.print(render(json));
    }

    /** The markdown for the JMH result file content {@code json}. */
    public static String render(String json) {
        List<Result> results = new ArrayList<>();
        for (Object entry : (List<?>) Json.parse(json)) {
            results.add(Result.of(asMap(entry)));
        }
        StringBuilder out = new StringBuilder();
        if (!results.isEmpty()) {
            out.append(results.get(0).runDescription).append("\n");
        }
        Map<String, List<Result>> byClass = results.stream()
                .collect(Collectors.groupingBy(r -> r.className, LinkedHashMap::new, Collectors.toList()));
        byClass.forEach((className, classResults) -> table(out, className, classResults));
        return out.toString();
    }

    private static void table(StringBuilder out, String className, List<Result> results) {
        List<String> baselines = results.stream().map(r -> r.method).distinct()
                .filter(method -> isBaseline(className, method)).collect(Collectors.toList());
        boolean allocation = results.stream().anyMatch(r -> !Double.isNaN(r.allocation));
        String unit = results.get(0).unit;

        out.append("\n### ").append(simpleName(className)).append(" (").append(unit).append(", median)\n\n");
        out.append("| case | benchmark | median | min – max |");
        if (allocation) {
            out.append(" alloc B/op |");
        }
        baselines.forEach(b -> out.append(" ÷ ").append(b).append(" |"));
        out.append("\n|---|---|--:|--:|");
        if (allocation) {
            out.append("--:|");
        }
        baselines.forEach(b -> out.append("--:|"));
        out.append("\n");

        Map<String, List<Result>> byCase = results.stream()
                .collect(Collectors.groupingBy(r -> r.params, LinkedHashMap::new, Collectors.toList()));
        byCase.forEach((params, caseResults) -> {
            // Ours first, then the references, each group in name order.
            caseResults.sort((a, b) -> {
                int order = Boolean.compare(baselines.contains(a.method), baselines.contains(b.method));
                return order != 0 ? order : a.method.compareTo(b.method);
            });
            for (Result r : caseResults) {
                out.append("| ").append(params).append(" | ").append(r.method)
                        .append(" | ").append(number(r.median))
                        .append(" | ").append(number(r.min)).append(" – ").append(number(r.max)).append(" |");
                if (allocation) {
                    out.append(" ").append(bytes(r.allocation)).append(" |");
                }
                for (String baseline : baselines) {
                    Result reference = caseResults.stream().filter(x -> x.method.equals(baseline)).findFirst().orElse(null);
                    out.append(" ").append(reference == null ? "–" : ratio(r.median / reference.median)).append(" |");
                }
                out.append("\n");
            }
        });
    }

    /** Whether the method carries {@link Baseline}; a class not on the class path has none. */
    private static boolean isBaseline(String className, String method) {
        try {
            for (Method m : Class.forName(className, false, MarkdownReport.class.getClassLoader()).getMethods()) {
                if (m.getName().equals(method) && m.isAnnotationPresent(Baseline.class)) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String bytes(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        // -prof gc measures whole TLABs; below a byte per operation is noise, not an allocation.
        return value < 1 ? "0" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** One benchmark × parameter case of the JMH file. */
    private static final class Result {
        String className;
        String method;
        String params;
        String unit;
        double median;
        double min;
        double max;
        double allocation = Double.NaN;
        String runDescription;

        static Result of(Map<String, Object> entry) {
            Result r = new Result();
            String benchmark = (String) entry.get("benchmark");
            int dot = benchmark.lastIndexOf('.');
            r.className = benchmark.substring(0, dot);
            r.method = benchmark.substring(dot + 1);
            Map<String, Object> params = entry.get("params") == null ? Map.of() : asMap(entry.get("params"));
            r.params = params.isEmpty() ? "–" : params.entrySet().stream()
                    .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining(" "));
            Map<String, Object> primary = asMap(entry.get("primaryMetric"));
            r.unit = (String) primary.get("scoreUnit");
            Map<String, Object> percentiles = asMap(primary.get("scorePercentiles"));
            r.median = number(percentiles.get("50.0"));
            r.min = number(percentiles.get("0.0"));
            r.max = number(percentiles.get("100.0"));
            Map<String, Object> secondary = entry.get("secondaryMetrics") == null ? Map.of() : asMap(entry.get("secondaryMetrics"));
            secondary.forEach((name, metric) -> {
                // "gc.alloc.rate.norm" since JMH 1.36, "·gc.alloc.rate.norm" before.
                if (name.endsWith(ALLOCATION)) {
                    r.allocation = number(asMap(asMap(metric).get("scorePercentiles")).get("50.0"));
                }
            });
            r.runDescription = String.format(Locale.ROOT,
                    "JMH %s, %s %s (%s), %s forks × %s × %s measured after %s × %s warmup; %s thread(s).",
                    entry.get("jmhVersion"), entry.get("vmName"), entry.get("jdkVersion"), entry.get("vmVersion"),
                    integer(entry.get("forks")), integer(entry.get("measurementIterations")),
                    entry.get("measurementTime"), integer(entry.get("warmupIterations")), entry.get("warmupTime"),
                    integer(entry.get("threads")));
            return r;
        }

        private static double number(Object value) {
            if (value instanceof Double) {
                return (Double) value;
            }
            return value == null ? Double.NaN : Double.parseDouble(value.toString());
        }

        private static String integer(Object value) {
            return value instanceof Double ? String.valueOf(((Double) value).intValue()) : String.valueOf(value);
        }
    }
}
