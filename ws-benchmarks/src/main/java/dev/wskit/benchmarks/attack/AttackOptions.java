package dev.wskit.benchmarks.attack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attack tool's command line, {@code --name value} pairs:
 *
 * <pre>
 * --url U            the server, ws://host:port/ (required)
 * --attacks A,B      attack names, or all (default); --list prints them
 * --scale S          full (default) | short
 * --max-message B    the server's message limit, for the attacks aimed at it (default 33554432)
 * --server-pid PID   the server process: heap sampled with jstat, live heap read with jcmd
 * --server-log FILE  the server's output, searched for OutOfMemoryError
 * --label k=v        copied into every result line (repeatable), e.g. --label server=wskit-netty
 * </pre>
 */
record AttackOptions(
        Target target,
        List<String> attacks,
        Scale scale,
        long maxMessageBytes,
        long serverPid,
        Path serverLog,
        Map<String, String> labels) {

    static AttackOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value at: " + args[i]);
            }
            if (args[i].equals("--label")) {
                String[] pair = args[i + 1].split("=", 2);
                if (pair.length != 2 || pair[0].isEmpty()) {
                    throw new IllegalArgumentException("--label needs key=value: " + args[i + 1]);
                }
                labels.put(pair[0], pair[1]);
            } else {
                values.put(args[i].substring(2), args[i + 1]);
            }
        }
        String url = values.remove("url");
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        AttackOptions options = new AttackOptions(
                Target.of(url),
                Arrays.asList(values.getOrDefault("attacks", "all").split(",")),
                Scale.of(values.getOrDefault("scale", "full")),
                Long.parseLong(values.getOrDefault("max-message", Long.toString(32L << 20))),
                Long.parseLong(values.getOrDefault("server-pid", "0")),
                values.containsKey("server-log") ? Path.of(values.get("server-log")) : null,
                labels);
        values.keySet().removeAll(List.of("attacks", "scale", "max-message", "server-pid", "server-log"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + values.keySet());
        }
        return options;
    }
}
