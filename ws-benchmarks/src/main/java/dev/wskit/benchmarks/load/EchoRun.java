package dev.wskit.benchmarks.load;

import dev.wskit.testkit.Compressible;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The echo mode: opens the connections, spreads them over {@link EchoWorker} threads, warms up,
 * measures, and stops. Messages per second and MB/s count verified echoes during the measured
 * time (MB = 10^6 bytes of echoed payload, one direction).
 *
 * <p>With {@code --deflate} the connections offer permessage-deflate (RFC 7692) and the messages
 * are {@link Compressible} text, each compressed as it is sent ({@link DeflatingWriter}) and its
 * echo inflated and checked ({@link InflatingEchoParser}); MB/s still counts the payload as the
 * application sees it, uncompressed. The result adds what the server agreed ({@code deflate}),
 * {@code sent_compression_ratio} (compressed bytes over payload bytes of what the tool sent),
 * {@code echo_compression_ratio} (the same of the echoes checked) and {@code uncompressed_echoes}
 * (echoes the server sent without compressing them, which RFC 7692 §6 allows).
 *
 * <p>With {@code --server-pid}, also the server's CPU during the measured time (Linux
 * {@code /proc}): its share of one core, and CPU microseconds per echo, which a machine shared
 * with other work disturbs less than the rate.
 */
final class EchoRun {
    /** Handshakes under way at once while opening the connections. */
    private static final int OPEN_CONCURRENCY = 64;

    private final LoadOptions options;
    private volatile EchoWorker.Phase phase = EchoWorker.Phase.WARMUP;
    /** With --deflate: what the server agreed, and each connection's compressor and checker (read after the run, for the ratios). */
    private DeflateAgreement agreement;
    private final List<DeflatingWriter> writers = new ArrayList<>();
    private final List<InflatingEchoParser> readers = new ArrayList<>();

    EchoRun(LoadOptions options) {
        this.options = options;
    }

    LoadResult run() throws IOException, InterruptedException {
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        Handshake handshake = options.deflate() ? Handshake.offeringDeflate(options.host(), options.port())
                : new Handshake(options.host(), options.port());
        Connector connector = options.raw() ? new Connector(address, true) : new Connector(address, handshake);
        List<SocketChannel> channels = connector.open(options.connections(), OPEN_CONCURRENCY);
        if (channels.size() < options.connections()) {
            throw new IOException("opened " + channels.size() + " of " + options.connections() + " connections");
        }
        List<EchoWorker> workers = new ArrayList<>();
        for (int t = 0; t < options.threads(); t++) {
            workers.add(new EchoWorker(() -> phase));
        }
        if (options.deflate()) {
            // Text that deflates as real traffic does; the alphabet's fill would shrink to almost nothing.
            MessageTemplate template = new MessageTemplate(
                    Compressible.text(options.size()).getBytes(StandardCharsets.US_ASCII), options.text());
            agreement = options.raw() ? DeflateAgreement.RAW : DeflateAgreement.parse(handshake.agreedExtensions());
            for (int i = 0; i < channels.size(); i++) {
                DeflatingWriter writer = new DeflatingWriter(template, agreement);
                writers.add(writer);
                workers.get(i % workers.size()).add(channels.get(i), writer, listener -> {
                    InflatingEchoParser reader = new InflatingEchoParser(template, options.raw(), listener);
                    readers.add(reader);
                    return reader;
                }, options.size(), options.inFlight());
            }
        } else {
            MessageTemplate template = new MessageTemplate(options.size(), options.text());
            for (int i = 0; i < channels.size(); i++) {
                workers.get(i % workers.size()).add(channels.get(i), template,
                        listener -> new EchoParser(template, options.raw(), listener), options.size(), options.inFlight());
            }
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < workers.size(); t++) {
            Thread thread = new Thread(workers.get(t), "load-" + t);
            threads.add(thread);
            thread.start();
        }
        ServerProbe server = options.serverPid() > 0 ? new ServerProbe(options.serverPid()) : null;
        waitOrFail(options.warmupNanos(), workers);
        double cpuBefore = server == null ? 0 : server.cpuSeconds();
        phase = EchoWorker.Phase.MEASURE;
        long start = System.nanoTime();
        waitOrFail(options.durationNanos(), workers);
        phase = EchoWorker.Phase.STOP;
        double seconds = (System.nanoTime() - start) / 1e9;
        double serverCpu = server == null ? -1 : server.cpuSeconds() - cpuBefore;
        for (Thread thread : threads) {
            thread.join();
        }
        return result(workers, seconds, serverCpu);
    }

    private static String ratio(long compressed, long uncompressed) {
        return uncompressed > 0 ? String.format(Locale.ROOT, "%.4f", compressed / (double) uncompressed) : "0";
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

    private LoadResult result(List<EchoWorker> workers, double seconds, double serverCpu) {
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
        if (agreement != null) {
            long sent = writers.stream().mapToLong(DeflatingWriter::payloadBytes).sum();
            long wire = writers.stream().mapToLong(DeflatingWriter::compressedBytes).sum();
            long echoWire = readers.stream().mapToLong(InflatingEchoParser::wireBytes).sum();
            long echoed = total.verified * options.size();
            // Of everything sent and checked (warm-up too): the tool's own compression, and the
            // server's, for the record (a server may send a message uncompressed, RFC 7692 §6).
            result.put("deflate", agreement.agreed())
                    .put("sent_compression_ratio", ratio(wire, sent))
                    .put("echo_compression_ratio", ratio(echoWire, echoed))
                    .put("uncompressed_echoes", readers.stream().mapToLong(InflatingEchoParser::uncompressedEchoes).sum());
        }
        Latencies.put(result, total.latencies);
        if (serverCpu >= 0) {
            // What an echo costs the server, whatever share of its cores others left it.
            result.put("server_cpu_share", serverCpu / seconds)
                    .put("server_cpu_us_per_msg", total.messages > 0 ? serverCpu * 1e6 / total.messages : 0.0);
        }
        result.put("verified", total.verified).put("errors", failure == null ? 0 : 1);
        if (failure != null) {
            result.put("error", failure.toString());
        }
        return result;
    }
}
