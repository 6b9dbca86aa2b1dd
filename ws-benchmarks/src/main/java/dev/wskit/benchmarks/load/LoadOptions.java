package dev.wskit.benchmarks.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The load tool's command line, {@code --name value} pairs and the {@code --raw} and {@code --deflate} flags:
 *
 * <pre>
 * --port P            the server's port (required); --host H, default 127.0.0.1
 * --mode M            echo (default) | connect | memory | broadcast
 * --connections N     echo: connections; connect: handshakes under way at once; memory: idle connections;
 *                     broadcast: subscribers (plus one publisher)
 * --in-flight W       echo: messages outstanding per connection (default 1); broadcast: messages the
 *                     publisher is at most ahead of the slowest subscriber
 * --size B            echo: payload bytes per message, at least 8 (default 16); broadcast: at least 24
 * --type T            echo: binary (default) | text (broadcast: always text)
 * --duration S        seconds measured (default 5); --warmup S seconds before it (default 2)
 * --threads T         load threads, each a selector over its share of connections (default 1)
 * --raw               the server is a raw TCP echo (broadcast: fan-out): no handshake, our frames checked still masked
 * --deflate           offer permessage-deflate (RFC 7692) and require the server to accept it; echo: send
 *                     Compressible text, compressed, and inflate every echo (with --raw: our own
 *                     compressed frames come back, and are inflated and checked the same way)
 * --server-pid PID    memory: the server process, whose RSS (and live heap, via jcmd) is read;
 *                     echo and broadcast: the server process, whose CPU time during the measured window is read
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
        boolean deflate,
        long serverPid,
        double settleSeconds,
        Map<String, String> labels) {

    static LoadOptions parse(String... args) {
        CommandLine values = CommandLine.parse(args, Set.of("raw", "deflate"));
        values.rejectUnknown(List.of("host", "port", "mode", "connections", "in-flight", "size", "type",
                "duration", "warmup", "threads", "server-pid", "settle"));
        LoadOptions options = new LoadOptions(
                values.get("host", "127.0.0.1"),
                Integer.parseInt(values.required("port")),
                values.get("mode", "echo").toLowerCase(Locale.ROOT),
                Integer.parseInt(values.get("connections", "1")),
                Integer.parseInt(values.get("in-flight", "1")),
                Integer.parseInt(values.get("size", "16")),
                type(values.get("type", "binary")),
                Double.parseDouble(values.get("duration", "5")),
                Double.parseDouble(values.get("warmup", "2")),
                Integer.parseInt(values.get("threads", "1")),
                values.flag("raw"),
                values.flag("deflate"),
                Long.parseLong(values.get("server-pid", "0")),
                Double.parseDouble(values.get("settle", "1")),
                values.labels());
        return options.checked();
    }

    private LoadOptions checked() {
        if (!List.of("echo", "connect", "memory", "broadcast").contains(mode)) {
            throw new IllegalArgumentException("--mode must be echo, connect, memory or broadcast: " + mode);
        }
        if (mode.equals("broadcast") && size < BroadcastMessages.LEAD_BYTES) {
            throw new IllegalArgumentException("--mode broadcast needs --size at least " + BroadcastMessages.LEAD_BYTES);
        }
        if (deflate && !(mode.equals("echo") || mode.equals("memory") && !raw)) {
            throw new IllegalArgumentException("--deflate is for the echo mode, and the memory mode of a WebSocket server");
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

    long durationNanos() {
        return (long) (durationSeconds * 1e9);
    }

    long warmupNanos() {
        return (long) (warmupSeconds * 1e9);
    }
}
