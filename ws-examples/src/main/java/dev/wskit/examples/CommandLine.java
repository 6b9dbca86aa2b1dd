package dev.wskit.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one app: {@code --name value} options, {@code --flag} switches and
 * positional words. Unknown names are refused, so a typo is an error rather than a surprise.
 * An option given twice keeps every value ({@link #getAll}); {@link #get} reads the last.
 */
public final class CommandLine {
    private final Map<String, List<String>> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param valued   option names that take a value
     * @param switches option names that stand alone
     * @throws UsageException for an unknown option or a missing value
     */
    public CommandLine(List<String> args, Set<String> valued, Set<String> switches) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name) && value == null) {
                options.computeIfAbsent(name, n -> new ArrayList<>()).add("true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public String get(String name, String fallback) {
        List<String> values = options.get(name);
        return values == null ? fallback : values.get(values.size() - 1);
    }

    /** Every value of a repeatable option, in command-line order; empty when absent. */
    public List<String> getAll(String name) {
        return options.getOrDefault(name, List.of());
    }

    /** An option holding a whole number in {@code [min, max]}. */
    public int getInt(String name, int fallback, int min, int max) {
        String value = get(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the allowed range
        }
        throw new UsageException("--" + name + " must be a number from " + min + " to " + max + ": " + value);
    }

    /** An option that must be one of {@code allowed}. */
    public String getChoice(String name, String fallback, Set<String> allowed) {
        String value = get(name, fallback);
        if (!allowed.contains(value)) {
            throw new UsageException("--" + name + " must be one of " + allowed + ": " + value);
        }
        return value;
    }

    public List<String> positional() {
        return positional;
    }

    /** A bad command line, reported as one line and exit status 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
