package dev.wskit.examples;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code --metrics}'s WebSocket on {@code /stats/feed}: once a second, every viewer gets a
 * {@link StatsSample} read from the registry {@code /metrics} serves, for {@link StatsPage} to
 * plot. Viewers are ordinary connections of the server, so the registry counts them as it counts
 * any; each sample says how many of the open connections are viewers.
 *
 * <p>The samples are sent from a timer thread of its own, which the WebSocket allows from any
 * thread. A viewer that does not read is skipped rather than queued for: it gets the next sample
 * it has room for, and the others get theirs on time.
 */
final class StatsFeed implements WebSocketHandler, AutoCloseable {
    /** Where the page connects. */
    static final String PATH = "/stats/feed";
    /** A few samples' worth: more unwritten than this and the viewer is behind, so it skips a second. */
    private static final long MOST_UNWRITTEN_BYTES = 4096;

    private final MeterRegistry registry;
    private final Set<WebSocket> viewers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(tick -> {
        Thread thread = new Thread(tick, "wskit-stats-feed");
        // A stop that never came (an app ended by an exception) must not keep the JVM alive.
        thread.setDaemon(true);
        return thread;
    });
    private RegistryTotals previous; // confined to the timer thread

    StatsFeed(MeterRegistry registry) {
        this.registry = registry;
        this.previous = RegistryTotals.read(registry);
        timer.scheduleAtFixedRate(this::sendSample, 1, 1, TimeUnit.SECONDS);
    }

    /** Accepts every upgrade it is routed: the feed is the same for everyone. */
    UpgradeDecider decider() {
        return request -> UpgradeDecision.accept(this);
    }

    @Override
    public void onOpen(WebSocket socket) {
        viewers.add(socket);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        viewers.remove(socket);
    }

    private void sendSample() {
        RegistryTotals now = RegistryTotals.read(registry);
        String json = StatsSample.between(previous, now, System.currentTimeMillis(), viewers.size()).json();
        previous = now;
        for (WebSocket viewer : viewers) {
            // false: the viewer is closing, and its onClose removes it.
            if (viewer.pendingOutboundBytes() <= MOST_UNWRITTEN_BYTES) {
                viewer.sendText(json);
            }
        }
    }

    /** Stops the timer; the viewers' connections end with the server's. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
