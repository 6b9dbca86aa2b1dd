package dev.wskit.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every case's {@link Outcome} from both suites and writes them under the build
 * directory: {@code conformance-report.md} (a summary per section and transport, then every
 * failure with expected and got, then every case) and {@code conformance-report.tsv} (one
 * line per case and transport). Rewritten after each suite, so a run of either suite alone
 * still leaves a complete report of what ran.
 */
final class ConformanceReport {
    private static final List<Outcome> OUTCOMES = new ArrayList<>();

    private ConformanceReport() {
    }

    static synchronized void add(Outcome outcome) {
        OUTCOMES.add(outcome);
    }

    static synchronized void write() {
        Path dir = Path.of(System.getProperty("conformance.reportDirectory", "target"));
        List<Outcome> all = new ArrayList<>(OUTCOMES);
        all.sort(Comparator.comparing((Outcome o) -> o.suite).reversed()
                .thenComparing(o -> sortKey(o.id)).thenComparing(o -> o.transport));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("conformance-report.md"), markdown(all), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("conformance-report.tsv"), tsv(all), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary table: cases passed per suite and section, per transport. */
    static String summary(List<Outcome> all) {
        Map<String, int[]> rows = new LinkedHashMap<>();
        for (Outcome o : all) {
            int[] counts = rows.computeIfAbsent(o.suite + "\t" + o.section, k -> new int[2 * Transport.values().length]);
            counts[2 * o.transport.ordinal() + 1]++;
            if (o.passed) {
                counts[2 * o.transport.ordinal()]++;
            }
        }
        StringBuilder s = new StringBuilder("| suite | section |");
        for (Transport t : Transport.values()) {
            s.append(' ').append(t.name().toLowerCase(java.util.Locale.ROOT)).append(" |");
        }
        s.append("\n| --- | --- |").append(" ---: |".repeat(Transport.values().length)).append('\n');
        rows.forEach((key, counts) -> {
            String[] parts = key.split("\t");
            s.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(' ').append(sectionName(parts[0], parts[1])).append(" |");
            for (Transport t : Transport.values()) {
                s.append(' ').append(counts[2 * t.ordinal()]).append('/').append(counts[2 * t.ordinal() + 1]).append(" |");
            }
            s.append('\n');
        });
        return s.toString();
    }

    private static String markdown(List<Outcome> all) {
        long failed = all.stream().filter(o -> !o.passed).count();
        StringBuilder s = new StringBuilder("# wskit conformance report\n\n");
        s.append(all.size()).append(" case runs, ").append(failed).append(" failed.\n\n");
        s.append("Server suite: a raw client sends hand-built frames to each transport's echo server.\n");
        s.append("Client suite: a scripted raw server drives each transport's client.\n\n");
        s.append(summary(all)).append('\n');
        if (failed > 0) {
            s.append("## Failures\n\n| case | transport | expected | got |\n| --- | --- | --- | --- |\n");
            all.stream().filter(o -> !o.passed).forEach(o -> s.append("| ").append(o.suite).append(' ').append(o.id).append(' ')
                    .append(cell(o.title)).append(" | ").append(o.transport).append(" | ").append(cell(o.expected))
                    .append(" | ").append(cell(o.got)).append(" |\n"));
            s.append('\n');
        }
        s.append("## Every case\n\n| suite | case | title | expected |");
        for (Transport t : Transport.values()) {
            s.append(' ').append(t).append(" |");
        }
        s.append("\n| --- | --- | --- | --- |").append(" --- |".repeat(Transport.values().length)).append('\n');
        Map<String, List<Outcome>> byCase = new LinkedHashMap<>();
        all.forEach(o -> byCase.computeIfAbsent(o.suite + " " + o.id, k -> new ArrayList<>()).add(o));
        byCase.values().forEach(runs -> {
            Outcome first = runs.get(0);
            s.append("| ").append(first.suite).append(" | ").append(first.id).append(" | ").append(cell(first.title))
                    .append(" | ").append(cell(first.expected)).append(" |");
            for (Transport t : Transport.values()) {
                String mark = runs.stream().filter(o -> o.transport == t).findFirst()
                        .map(o -> (o.passed ? "pass" : "**FAIL**") + " (" + o.millis + " ms)").orElse("–");
                s.append(' ').append(mark).append(" |");
            }
            s.append('\n');
        });
        return s.toString();
    }

    private static String tsv(List<Outcome> all) {
        StringBuilder s = new StringBuilder("suite\tcase\tsection\ttransport\tresult\tmillis\ttitle\texpected\tgot\n");
        for (Outcome o : all) {
            s.append(String.join("\t", o.suite, o.id, o.section, o.transport.name(), o.passed ? "pass" : "fail",
                    String.valueOf(o.millis), flat(o.title), flat(o.expected), flat(o.got))).append('\n');
        }
        return s.toString();
    }

    private static String sectionName(String suite, String section) {
        switch (section.replace("C", "")) {
            case "1": return "framing";
            case "2": return "ping/pong";
            case "3": return "reserved bits";
            case "4": return "opcodes";
            case "5": return "fragmentation";
            case "6": return "UTF-8";
            case "7": return "close handling";
            case "9": return "limits, large messages";
            case "10": return "auto-fragmentation";
            case "12": return "permessage-deflate round trips";
            case "13": return "permessage-deflate offers";
            case "0": return "opening handshake";
            default: return "";
        }
    }

    /** Sorts "6.4.1.10" after "6.4.1.9": numeric parts padded. */
    private static String sortKey(String id) {
        StringBuilder s = new StringBuilder();
        for (String part : id.replace("C", "").split("\\.")) {
            s.append(String.format("%05d.", Integer.parseInt(part)));
        }
        return s.toString();
    }

    private static String cell(String text) {
        return flat(text).replace("|", "\\|");
    }

    private static String flat(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
