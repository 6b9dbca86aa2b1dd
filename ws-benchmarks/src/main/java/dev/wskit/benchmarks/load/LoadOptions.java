package dev.wskit.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load tool's command line, {@code --name value} pairs and the {@code --raw} flag:
 *
 * <pre>
 * --port P            the server's port (required); --host H, default 127.0.0.1
 * --mode M            echo (default) | connect | memory
 * --connections N     echo: connections; connect: handshakes under way at once; memory: idle connections
 * --in-flight W       echo: messages outstanding per connection (default 1)
 * --size B            echo: payload bytes per message, at least 8 (default 16)
 * --type T            echo: binary (default) | text
 * --duration S        seconds measured (default 5); --warmup S seconds before it (default 2)
 * --threads T         load threads, each a selector over its share of connections (default 1)
 * --raw               the server is a raw TCP echo: no handshake, echoes checked still masked
 * --server-pid PID    memory: the server process, whose RSS (and live heap, via jcmd) is read
 * --settle S          memory: seconds to wait after opening before measuring (default 1)
 * --label k=v         copied into the result line (repeatable), e.g. --label server=netty-own
 * </pre>
 */
record LoadOptions(
        String host,
        int port,
        String mode,
        int connections,
        int inFlight,
        int size,
        boolean text,
        double durationSeconds,
        double warmupSeconds,
        int threads,
        boolean raw,
        long serverPid,
        double settleSeconds,
        Map<String, String> labels) {

    static LoadOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        boolean raw = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--raw")) {
                raw = true;
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
                labels.put(value.substring(0, eq), value.substring(eq + 1));
            } else {
                values.put(name.substring(2), value);
            }
        }
        LoadOptions options = new LoadOptions(
                values.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(required(values, "port")),
                values.getOrDefault("mode", "echo").toLowerCase(Locale.ROOT),
                Integer.parseInt(values.getOrDefault("connections", "1")),
                Integer.parseInt(values.getOrDefault("in-flight", "1")),
                Integer.parseInt(values.getOrDefault("size", "16")),
                type(values.getOrDefault("type", "binary")),
                Double.parseDouble(values.getOrDefault("duration", "5")),
                Double.parseDouble(values.getOrDefault("warmup", "2")),
                Integer.parseInt(values.getOrDefault("threads", "1")),
                raw,
                Long.parseLong(values.getOrDefault("server-pid", "0")),
                Double.parseDouble(values.getOrDefault("settle", "1")),
                labels);
        values.keySet().removeAll(List.of("host", "port", "mode", "connections", "in-flight", "size", "type",
                "duration", "warmup", "threads", "server-pid", "settle"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + values.keySet());
        }
        return options.checked();
    }

    private LoadOptions checked() {
        if (!mode.equals("echo") && !mode.equals("connect") && !mode.equals("memory")) {
            throw new IllegalArgumentException("--mode must be echo, connect or memory: " + mode);
        }
        if (connections < 1 || inFlight < 1 || threads < 1 || durationSeconds <= 0 || warmupSeconds < 0) {
            throw new IllegalArgumentException("connections, in-flight, threads and duration must be positive");
        }
        if (size < MessageTemplate.SEQUENCE_BYTES) {
            throw new IllegalArgumentException("--size must be at least " + MessageTemplate.SEQUENCE_BYTES);
        }
        return this;
    }

    private static boolean type(String type) {
        switch (type.toLowerCase(Locale.ROOT)) {
            case "text":
                return true;
            case "binary":
                return false;
            default:
                throw new IllegalArgumentException("--type must be text or binary: " + type);
        }
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    long durationNanos() {
        return (long) (durationSeconds * 1e9);
    }

    long warmupNanos() {
        return (long) (warmupSeconds * 1e9);
    }
}
