package dev.wskit.benchmarks.fanout;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import org.HdrHistogram.Recorder;

/**
 * One subscriber, the JDK's WebSocket client: counts what it gets, checks that it gets each
 * message once and in order, and, when it is on the node whose latency is measured, records the
 * time from the publish (the nanoTime in the payload, taken in this same JVM) to its delivery here.
 */
final class Subscriber implements WebSocket.Listener {
    private final Recorder latencies;
    private final StringBuilder partial = new StringBuilder();
    private long received;
    private long lastSequence = -1;
    private long outOfOrder;

    /** @param latencies where to record, or {@code null} for a subscriber that only counts */
    Subscriber(Recorder latencies) {
        this.latencies = latencies;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long now = System.nanoTime();
            Payload payload = Payload.parse(partial);
            partial.setLength(0);
            synchronized (this) {
                received++;
                if (payload.sequence() != lastSequence + 1) {
                    outOfOrder++;
                }
                lastSequence = payload.sequence();
            }
            if (latencies != null) {
                latencies.recordValue(Math.max(0, now - payload.sentNanos()));
            }
        }
        socket.request(1);
        return null;
    }

    synchronized long received() {
        return received;
    }

    /** Messages that did not come as the one after the last: lost, doubled or reordered. */
    synchronized long outOfOrder() {
        return outOfOrder;
    }
}
