package dev.wskit.benchmarks.fanout;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One point of the fan-out: starts {@code nodes} nodes on one Redis, spreads the subscribers over
 * them round-robin, publishes at a steady rate through a client of node A for the warm-up and the
 * measured window, then waits for every subscriber to have everything (up to 30 s) and counts
 * what is missing.
 */
final class FanOutRun {
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** JDK HttpClients the subscribers are spread over. */
    private static final int CLIENTS = 3;

    private final FanOutOptions options;
    private final int nodeCount;

    FanOutRun(FanOutOptions options, int nodeCount) {
        this.options = options;
        this.nodeCount = nodeCount;
    }

    FanOutResult run() throws Exception {
        List<FanOutNode> nodes = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int n = 0; n < nodeCount; n++) {
                nodes.add(new FanOutNode(options.redis()));
            }
            // The same clients (each one selector thread) whatever the node count, so that the
            // subscribers' side has the same capacity at every point.
            List<HttpClient> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(HttpClient.newHttpClient());
            }
            Recorder latencies = new Recorder(3);
            List<Subscriber> subscribers = new ArrayList<>();
            for (int s = 0; s < options.subscribers(); s++) {
                int n = s % nodeCount;
                Subscriber subscriber = new Subscriber(n == nodeCount - 1 ? latencies : null);
                subscribers.add(subscriber);
                sockets.add(clients.get(s % CLIENTS).newWebSocketBuilder()
                        .buildAsync(nodes.get(n).uri(FanOutNode.SUBSCRIBE), subscriber).get(30, TimeUnit.SECONDS));
            }
            awaitLive(nodes);
            WebSocket publisher = clients.get(0).newWebSocketBuilder()
                    .buildAsync(nodes.get(0).uri(FanOutNode.PUBLISH), new WebSocket.Listener() { })
                    .get(30, TimeUnit.SECONDS);
            sockets.add(publisher);

            long interval = TimeUnit.SECONDS.toNanos(1) / options.rate();
            long start = System.nanoTime();
            long measureFrom = start + (long) (options.warmup() * 1e9);
            long measureTo = measureFrom + (long) (options.seconds() * 1e9);
            long receivedAtStart = -1;
            long sequence = 0;
            for (long next = start; next < measureTo; next += interval) {
                long now;
                while ((now = System.nanoTime()) < next) {
                    LockSupport.parkNanos(next - now);
                }
                if (receivedAtStart < 0 && now >= measureFrom) {
                    receivedAtStart = total(subscribers);
                    latencies.getIntervalHistogram(); // the warm-up's, dropped
                }
                // Stamped as sent, not as scheduled: a publisher that falls behind shows as a lower rate, not as latency.
                publisher.sendText(new Payload(sequence++, System.nanoTime()).encode(options.size()), true).join();
            }
            double deliveriesPerSecond = (total(subscribers) - receivedAtStart) / options.seconds();
            Histogram measured = latencies.getIntervalHistogram();
            long lost = settle(subscribers, sequence);
            long outOfOrder = subscribers.stream().mapToLong(Subscriber::outOfOrder).sum();
            return FanOutResult.of(options, nodeCount, sequence, deliveriesPerSecond, measured, lost, outOfOrder);
        } finally {
            sockets.forEach(WebSocket::abort);
            nodes.forEach(FanOutNode::close);
        }
    }

    private void awaitLive(List<FanOutNode> nodes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (nodes.stream().mapToInt(FanOutNode::liveMembers).sum() < options.subscribers()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("subscribers not all live within 30 s");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Waits until every subscriber has every message, up to 30 s; returns how many are still missing. */
    private static long settle(List<Subscriber> subscribers, long published) throws InterruptedException {
        long expected = published * subscribers.size();
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (total(subscribers) < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return expected - total(subscribers);
    }

    private static long total(List<Subscriber> subscribers) {
        return subscribers.stream().mapToLong(Subscriber::received).sum();
    }
}
