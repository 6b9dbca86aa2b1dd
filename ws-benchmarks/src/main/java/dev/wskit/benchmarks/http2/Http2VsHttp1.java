package dev.wskit.benchmarks.http2;

import dev.wskit.benchmarks.http2.Http2Options.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * WebSockets over HTTP/2 (RFC 8441, many streams per connection) against WebSockets over
 * HTTP/1.1 (a TCP connection each), both on wskit's {@code NettyHttp2WebSocketServer}, which
 * serves the two on one port: handshakes per second while the sockets open, the server's memory
 * per open socket (live heap after a full collection, and RSS growth: with the heap committed and
 * touched from the start, what grows outside it; noisy, as the load tool's memory mode finds), and echo
 * messages per second with their latency. The clients are wskit's own: {@code NettyWebSocketClient}
 * for HTTP/1.1, and {@code --h2-connections} {@code NettyHttp2WebSocketClient}s for HTTP/2 (each
 * keeps one h2c connection to the server). Every echo is checked. Prints a markdown table.
 *
 * <pre>java -cp benchmarks.jar dev.wskit.benchmarks.http2.Http2VsHttp1 [options]</pre>
 *
 * Options: see {@link Http2Options}. Exits 1 when an echo was wrong or missing.
 */
public final class Http2VsHttp1 {
    private Http2VsHttp1() {
    }

    public static void main(String[] args) throws Exception {
        Http2Options options = Http2Options.parse(args);
        List<ModeRun.Result> results = run(options);
        System.out.print(table(results));
        boolean clean = results.stream().allMatch(Http2VsHttp1::allVerified);
        System.exit(clean ? 0 : 1);
    }

    static List<ModeRun.Result> run(Http2Options options) throws Exception {
        List<ModeRun.Result> results = new ArrayList<>();
        for (Mode mode : options.modes()) {
            results.add(new ModeRun(options, mode).run());
        }
        return results;
    }

    /** Every echo came back as sent, none is missing, and no socket closed during the run. */
    static boolean allVerified(ModeRun.Result result) {
        return result.verified() > 0 && result.mismatched() == 0 && result.lost() == 0 && result.closed() == 0;
    }

    static String table(List<ModeRun.Result> results) {
        StringBuilder table = new StringBuilder()
                .append("| mode | sockets | TCP connections | handshakes/s | server live heap B/socket"
                        + " | server RSS growth B/socket | msgs/s | p50 µs | p99 µs | echoes verified |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (ModeRun.Result r : results) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %,.0f | %s | %,d | %,.0f | %,.0f | %,.0f | %,d%s |%n",
                    r.mode().title, r.sockets(), r.tcpConnections(), r.handshakesPerSecond(), bytes(r.heapPerSocket()),
                    r.rssPerSocket(), r.messagesPerSecond(), r.p50Micros(), r.p99Micros(), r.verified(),
                    allVerified(r) ? "" : String.format(Locale.ROOT, " (%d wrong, %d missing, %d closed)",
                            r.mismatched(), r.lost(), r.closed())));
        }
        return table.toString();
    }

    private static String bytes(long value) {
        return value < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", value);
    }
}
