package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The broadcast mode: {@code --connections} subscribers and one publisher against a broadcast
 * server (each message from one connection sent to every other). The subscribers are spread over
 * {@link BroadcastWorker} threads; the publisher, on its own thread, first sends hellos until
 * every subscriber has had one (so every subscriber is in the server's broadcast before message
 * 0), then text messages of {@code --size} bytes numbered from 0.
 *
 * <p>Flow: the publisher keeps at most {@code --in-flight} messages ahead of the slowest
 * subscriber, and refills the window once half of it is free (so it writes in bursts). A
 * subscriber's backlog on the server is thus at most that many frames, far below any stack's
 * limit (wskit drops a connection past 4 MiB unwritten; Netty and Vert.x queue without bound).
 *
 * <p>After the measured time the publisher stops and the run waits (up to 10 s) for every
 * subscriber to have every message. Reports deliveries per second (messages received by the
 * subscribers, all together, during the measured time), the messages published per second,
 * latency from the publisher's write to the subscriber's read, and {@code lost} (messages
 * published that a subscriber never got) and {@code out_of_order} (messages that did not come as
 * the one after the last): a run with either above 0 fails. With {@code --server-pid}, also the
 * server's CPU during the measured time (Linux {@code /proc}): its share of one core, and CPU
 * microseconds per delivery, which a machine shared with other work disturbs less than the rate.
 *
 * <p>With {@code --raw} the server is a raw TCP fan-out (every byte from one connection to every
 * other): no handshakes, and the subscribers check the publisher's frames as it masked them.
 */
final class BroadcastRun {
    /** The phases of a run, switched by the run's thread. */
    enum Phase { WARMUP, MEASURE, DRAIN, STOP }

    private static final int OPEN_CONCURRENCY = 64;
    private static final long GREETING_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final LoadOptions options;
    private final BroadcastMessages messages;
    private volatile Phase phase = Phase.WARMUP;

    BroadcastRun(LoadOptions options) {
        this.options = options;
        this.messages = new BroadcastMessages(options.size());
    }

    LoadResult run() throws IOException, InterruptedException {
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        List<SocketChannel> channels = new Connector(address, options.raw()).open(options.connections(), OPEN_CONCURRENCY);
        if (channels.size() < options.connections()) {
            channels.forEach(BroadcastRun::closeQuietly);
            throw new IOException("opened " + channels.size() + " of " + options.connections() + " subscribers");
        }
        SocketChannel publisherChannel = new Connector(address, options.raw()).open(1, 1).get(0);
        publisherChannel.configureBlocking(true);
        Publisher publisher = new Publisher(publisherChannel);
        List<BroadcastWorker> workers = new ArrayList<>();
        for (int t = 0; t < Math.min(options.threads(), channels.size()); t++) {
            workers.add(new BroadcastWorker(() -> phase, publisher::wake));
        }
        for (int i = 0; i < channels.size(); i++) {
            workers.get(i % workers.size()).add(channels.get(i), messages, options.raw());
        }
        publisher.workers = workers;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < workers.size(); t++) {
            Thread thread = new Thread(workers.get(t), "broadcast-load-" + t);
            threads.add(thread);
            thread.start();
        }
        Thread publishing = new Thread(publisher, "broadcast-publisher");
        publisher.thread = publishing;
        long published = 0;
        double seconds = 0;
        ServerProbe server = options.serverPid() > 0 ? new ServerProbe(options.serverPid()) : null;
        double serverCpu = -1;
        try {
            publisher.greet();
            publishing.start();
            waitOrFail(options.warmupNanos(), workers, publisher);
            long publishedBefore = publisher.sent;
            double cpuBefore = server == null ? 0 : server.cpuSeconds();
            phase = Phase.MEASURE;
            long start = System.nanoTime();
            waitOrFail(options.durationNanos(), workers, publisher);
            phase = Phase.DRAIN;
            seconds = (System.nanoTime() - start) / 1e9;
            serverCpu = server == null ? -1 : server.cpuSeconds() - cpuBefore;
            published = publisher.sent - publishedBefore;
            publishing.join();
            drain(workers, publisher);
        } catch (IOException | RuntimeException e) {
            publisher.failure = publisher.failure == null ? e : publisher.failure;
        } finally {
            phase = Phase.STOP;
            publishing.join();
            for (Thread thread : threads) {
                thread.join();
            }
            closeQuietly(publisherChannel);
        }
        return result(workers, publisher, published, seconds, serverCpu);
    }

    /** Waits until every subscriber has every message published, at most 10 s or a failure. */
    private static void drain(List<BroadcastWorker> workers, Publisher publisher) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (System.nanoTime() < deadline && failure(workers, publisher) == null
                && workers.stream().mapToLong(BroadcastWorker::progress).min().orElse(0) < publisher.sent) {
            Thread.sleep(5);
        }
    }

    /** Sleeps for {@code nanos}, returning early when a thread has failed (the run is void then). */
    private static void waitOrFail(long nanos, List<BroadcastWorker> workers, Publisher publisher) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && failure(workers, publisher) == null) {
            Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
        }
    }

    private static Throwable failure(List<BroadcastWorker> workers, Publisher publisher) {
        if (publisher.failure != null) {
            return publisher.failure;
        }
        return workers.stream().map(BroadcastWorker::failure).filter(f -> f != null).findFirst().orElse(null);
    }

    private LoadResult result(List<BroadcastWorker> workers, Publisher publisher, long published, double seconds,
                              double serverCpu) {
        EchoStats total = new EchoStats();
        long lost = 0;
        long outOfOrder = 0;
        for (BroadcastWorker worker : workers) {
            total.add(worker.stats());
            for (BroadcastSubscriber subscriber : worker.subscribers()) {
                lost += Math.max(0, publisher.sent - subscriber.received);
                outOfOrder += subscriber.outOfOrder;
            }
        }
        Throwable failure = failure(workers, publisher);
        String error = failure != null ? failure.toString()
                : lost > 0 || outOfOrder > 0 ? lost + " deliveries lost, " + outOfOrder + " out of order" : null;
        LoadResult result = new LoadResult()
                .put("mode", "broadcast")
                .putAll(options.labels())
                .put("subscribers", options.connections())
                .put("in_flight", options.inFlight())
                .put("size", options.size())
                .put("type", "text")
                .put("duration_s", seconds)
                .put("published", published)
                .put("msgs_per_s", seconds > 0 ? published / seconds : 0.0)
                .put("deliveries", total.messages)
                .put("deliveries_per_s", seconds > 0 ? total.messages / seconds : 0.0)
                .put("mb_per_s", seconds > 0 ? total.payloadBytes / seconds / 1e6 : 0.0);
        Latencies.put(result, total.latencies);
        if (serverCpu >= 0 && seconds > 0) {
            // What a delivery costs the server, whatever share of its cores others left it.
            result.put("server_cpu_share", serverCpu / seconds)
                    .put("server_cpu_us_per_delivery", total.messages > 0 ? serverCpu * 1e6 / total.messages : 0.0);
        }
        result.put("published_total", publisher.sent)
                .put("verified", total.verified)
                .put("lost", lost)
                .put("out_of_order", outOfOrder)
                .put("errors", error == null ? 0 : 1);
        if (error != null) {
            result.put("error", error);
        }
        return result;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Ending the run; nothing to do.
        }
    }

    /** The publisher: a blocking socket on its own thread, its window bounded by the slowest subscriber. */
    private final class Publisher implements Runnable {
        private final SocketChannel channel;
        private final int window = options.inFlight();
        private final ByteBuffer out;
        List<BroadcastWorker> workers;
        Thread thread;
        /** Messages written (numbered 0 to sent - 1); read by the run's thread. */
        volatile long sent;
        private volatile boolean waiting;
        volatile Throwable failure;

        Publisher(SocketChannel channel) {
            this.channel = channel;
            this.out = ByteBuffer.allocateDirect(window * messages.frameLength());
        }

        /** Called by a worker whose progress moved (or that failed). */
        void wake() {
            if (waiting) {
                LockSupport.unpark(thread);
            }
        }

        /** Sends a hello every 20 ms until every subscriber has had one, on the caller's thread. */
        void greet() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + GREETING_NANOS;
            int subscribers = workers.stream().mapToInt(BroadcastWorker::size).sum();
            while (workers.stream().mapToInt(BroadcastWorker::greeted).sum() < subscribers) {
                Throwable failed = BroadcastRun.failure(workers, this);
                if (failed != null) {
                    throw new IOException("a subscriber failed before the first message", failed);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("not every subscriber had a hello within 30 s");
                }
                out.clear();
                messages.writeFrame(out, BroadcastMessages.HELLO, System.nanoTime());
                write();
                Thread.sleep(20);
            }
        }

        @Override
        public void run() {
            try {
                long lastProgress = -1;
                long lastProgressAt = System.nanoTime();
                Phase current;
                while ((current = phase) == Phase.WARMUP || current == Phase.MEASURE) {
                    if (BroadcastRun.failure(workers, this) != null) {
                        return;
                    }
                    long slowest = slowest();
                    long now = System.nanoTime();
                    if (slowest != lastProgress) {
                        lastProgress = slowest;
                        lastProgressAt = now;
                    } else if (now - lastProgressAt > STALL_NANOS) {
                        throw new EchoMismatch("no subscriber progress for 10 s: a message lost at the end of the window");
                    }
                    if (sent - slowest > window / 2) {
                        waiting = true;
                        if (slowest() == slowest) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                        }
                        waiting = false;
                        continue;
                    }
                    long free = Math.min(window, window - (sent - slowest));
                    out.clear();
                    for (long i = 0; i < free; i++) {
                        messages.writeFrame(out, sent + i, System.nanoTime());
                    }
                    write();
                    sent += free;
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        private long slowest() {
            long lowest = Long.MAX_VALUE;
            for (BroadcastWorker worker : workers) {
                lowest = Math.min(lowest, worker.progress());
            }
            return lowest;
        }

        private void write() throws IOException {
            out.flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }
    }
}
