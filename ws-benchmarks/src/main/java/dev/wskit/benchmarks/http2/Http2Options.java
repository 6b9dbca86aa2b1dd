package dev.wskit.benchmarks.http2;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link Http2VsHttp1} run measures, from {@code --name value} arguments (defaults in
 * brackets): {@code --modes LIST} of {@code http1} and {@code http2} [http1,http2],
 * {@code --sockets N} WebSockets per mode [1000], {@code --h2-connections N} HTTP/2 connections
 * the HTTP/2 mode spreads them over [10], {@code --size N} bytes per text message, at least 32
 * [64], {@code --in-flight N} messages outstanding per socket [1], {@code --open-concurrency N}
 * handshakes outstanding at once [64], {@code --settle S} seconds before each memory reading [2],
 * {@code --warmup S} [2] and {@code --seconds S} [10] of echo per mode, and
 * {@code --server-java-opts "…"} for the server's JVM [-Xms1g -Xmx1g -XX:+AlwaysPreTouch].
 */
record Http2Options(List<Mode> modes, int sockets, int h2Connections, int size, int inFlight, int openConcurrency,
        double settle, double warmup, double seconds, List<String> serverJavaOpts) {

    /** HTTP/1.1: a TCP connection per WebSocket; HTTP/2: WebSockets as streams of a few connections. */
    enum Mode {
        HTTP1("HTTP/1.1"), HTTP2("HTTP/2 (h2c)");

        final String title;

        Mode(String title) {
            this.title = title;
        }

        static Mode of(String id) {
            return switch (id.strip()) {
                case "http1" -> HTTP1;
                case "http2" -> HTTP2;
                default -> throw new IllegalArgumentException("unknown mode (http1 or http2): " + id);
            };
        }
    }

    static Http2Options parse(String... args) {
        List<Mode> modes = List.of(Mode.HTTP1, Mode.HTTP2);
        int sockets = 1000;
        int h2Connections = 10;
        int size = 64;
        int inFlight = 1;
        int openConcurrency = 64;
        double settle = 2;
        double warmup = 2;
        double seconds = 10;
        List<String> serverJavaOpts = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--modes" -> {
                    List<Mode> chosen = new ArrayList<>();
                    for (String mode : value.split(",")) {
                        chosen.add(Mode.of(mode));
                    }
                    modes = List.copyOf(chosen);
                }
                case "--sockets" -> sockets = positive(args[i], value);
                case "--h2-connections" -> h2Connections = positive(args[i], value);
                case "--size" -> size = Math.max(positive(args[i], value), 32);
                case "--in-flight" -> inFlight = positive(args[i], value);
                case "--open-concurrency" -> openConcurrency = positive(args[i], value);
                case "--settle" -> settle = Double.parseDouble(value);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--server-java-opts" -> serverJavaOpts = List.of(value.strip().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (h2Connections > sockets) {
            throw new IllegalArgumentException("--h2-connections " + h2Connections + " exceeds --sockets " + sockets);
        }
        return new Http2Options(modes, sockets, h2Connections, size, inFlight, openConcurrency, settle, warmup, seconds,
                serverJavaOpts);
    }

    /** The streams each HTTP/2 connection carries at most. */
    int streamsPerConnection() {
        return (sockets + h2Connections - 1) / h2Connections;
    }

    private static int positive(String option, String value) {
        int number = Integer.parseInt(value.strip());
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1: " + value);
        }
        return number;
    }
}
