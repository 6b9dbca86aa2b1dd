package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The echo mode: opens the connections, spreads them over {@link EchoWorker} threads, warms up,
 * measures, and stops. Messages per second and MB/s count verified echoes during the measured
 * time (MB = 10^6 bytes of echoed payload, one direction).
 */
final class EchoRun {
    /** Handshakes under way at once while opening the connections. */
    private static final int OPEN_CONCURRENCY = 64;

    private final LoadOptions options;
    private volatile EchoWorker.Phase phase = EchoWorker.Phase.WARMUP;

    EchoRun(LoadOptions options) {
        this.options = options;
    }

    LoadResult run() throws IOException, InterruptedException {
        MessageTemplate template = new MessageTemplate(options.size(), options.text());
        Connector connector = new Connector(new InetSocketAddress(options.host(), options.port()), options.raw());
        List<SocketChannel> channels = connector.open(options.connections(), OPEN_CONCURRENCY);
        if (channels.size() < options.connections()) {
            throw new IOException("opened " + channels.size() + " of " + options.connections() + " connections");
        }
        List<EchoWorker> workers = new ArrayList<>();
        for (int t = 0; t < options.threads(); t++) {
            workers.add(new EchoWorker(() -> phase));
        }
        for (int i = 0; i < channels.size(); i++) {
            workers.get(i % workers.size()).add(channels.get(i), template, options.raw(), options.inFlight());
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < workers.size(); t++) {
            Thread thread = new Thread(workers.get(t), "load-" + t);
            threads.add(thread);
            thread.start();
        }
        waitOrFail(options.warmupNanos(), workers);
        phase = EchoWorker.Phase.MEASURE;
        long start = System.nanoTime();
        waitOrFail(options.durationNanos(), workers);
        phase = EchoWorker.Phase.STOP;
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread thread : threads) {
            thread.join();
        }
        return result(workers, seconds);
    }

    /** Sleeps for {@code nanos}, returning early when a worker has failed (the run is void then). */
    private static void waitOrFail(long nanos, List<EchoWorker> workers) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (workers.stream().anyMatch(w -> w.failure() != null)) {
                return;
            }
            Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
        }
    }

    private LoadResult result(List<EchoWorker> workers, double seconds) {
        EchoStats total = new EchoStats();
        Throwable failure = null;
        for (EchoWorker worker : workers) {
            total.add(worker.stats());
            if (failure == null) {
                failure = worker.failure();
            }
        }
        LoadResult result = new LoadResult()
                .put("mode", "echo")
                .putAll(options.labels())
                .put("connections", options.connections())
                .put("in_flight", options.inFlight())
                .put("size", options.size())
                .put("type", options.text() ? "text" : "binary")
                .put("raw", options.raw())
                .put("duration_s", seconds)
                .put("messages", total.messages)
                .put("msgs_per_s", total.messages / seconds)
                .put("mb_per_s", total.payloadBytes / seconds / 1e6);
        Latencies.put(result, total.latencies);
        result.put("verified", total.verified).put("errors", failure == null ? 0 : 1);
        if (failure != null) {
            result.put("error", failure.toString());
        }
        return result;
    }
}
