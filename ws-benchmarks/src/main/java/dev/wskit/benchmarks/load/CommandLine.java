package dev.wskit.benchmarks.load;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark tools' command lines: {@code --name value} pairs, {@code --label key=value}
 * (repeatable, copied into every result line), and flags without a value.
 */
public final class CommandLine {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Set<String> flags = new HashSet<>();

    private CommandLine() {
    }

    /** Parses {@code args}, where the names in {@code flagNames} (without dashes) take no value. */
    public static CommandLine parse(String[] args, Set<String> flagNames) {
        CommandLine line = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.startsWith("--") && flagNames.contains(name.substring(2))) {
                line.flags.add(name.substring(2));
                continue;
            }
            if (!name.startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value at: " + name);
            }
            String value = args[++i];
            if (name.equals("--label")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--label needs key=value: " + value);
                }
                line.labels.put(value.substring(0, eq), value.substring(eq + 1));
            } else {
                line.values.put(name.substring(2), value);
            }
        }
        return line;
    }

    public String get(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public Map<String, String> labels() {
        return labels;
    }

    /** Fails on any name not in {@code known}: a misspelt option must not pass for a default. */
    public void rejectUnknown(List<String> known) {
        Set<String> unknown = new HashSet<>(values.keySet());
        known.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown);
        }
    }
}
