package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The connect-only mode: each thread keeps {@code --connections / --threads} handshakes under
 * way, closing each connection as soon as its 101 has been checked, for the warmup and the
 * measured time. Reports completed handshakes per second and the time from connect to a checked
 * 101. The client closes TCP first (no closing handshake): a TIME_WAIT per connection on the
 * client side, which Linux reuses on loopback ({@code net.ipv4.tcp_tw_reuse}, default 2).
 */
final class ConnectRun {
    private final LoadOptions options;

    ConnectRun(LoadOptions options) {
        this.options = options;
    }

    LoadResult run() throws InterruptedException {
        long measureFrom = System.nanoTime() + options.warmupNanos();
        long end = measureFrom + options.durationNanos();
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        int concurrency = Math.max(1, options.connections() / options.threads());
        List<Counter> counters = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < options.threads(); t++) {
            Counter counter = new Counter(measureFrom);
            counters.add(counter);
            Thread thread = new Thread(() -> counter.run(new Connector(address, options.raw()), concurrency, end), "connect-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram nanos = new Histogram(60_000_000_000L, 3);
        long handshakes = 0;
        Throwable failure = null;
        for (Counter counter : counters) {
            nanos.add(counter.nanos);
            handshakes += counter.measured;
            failure = failure == null ? counter.failure : failure;
        }
        LoadResult result = new LoadResult()
                .put("mode", "connect")
                .putAll(options.labels())
                .put("concurrency", concurrency * options.threads())
                .put("raw", options.raw())
                .put("duration_s", options.durationSeconds())
                .put("handshakes", handshakes)
                .put("handshakes_per_s", handshakes / options.durationSeconds());
        Latencies.put(result, nanos);
        result.put("errors", failure == null ? 0 : 1);
        if (failure != null) {
            result.put("error", failure.toString());
        }
        return result;
    }

    /** One thread's handshakes; counted once the warmup is over. */
    private static final class Counter {
        final Histogram nanos = new Histogram(60_000_000_000L, 3);
        final long measureFrom;
        long measured;
        volatile Throwable failure;

        Counter(long measureFrom) {
            this.measureFrom = measureFrom;
        }

        void run(Connector connector, int concurrency, long end) {
            try {
                connector.run(Long.MAX_VALUE, concurrency, () -> end, (channel, handshakeNanos) -> {
                    if (System.nanoTime() >= measureFrom) {
                        measured++;
                        nanos.recordValue(handshakeNanos);
                    }
                    return false;
                });
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
    }
}
