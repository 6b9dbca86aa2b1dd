package dev.wskit.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A presence listener that keeps the events it hears, for a test to wait on. */
final class RecordingPresence implements PresenceListener {
    private final List<PresenceEvent> events = new ArrayList<>();

    @Override
    public synchronized void presenceChanged(PresenceEvent event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<PresenceEvent> events() {
        return List.copyOf(events);
    }

    /** Waits, at most {@link RedisServer#WAIT}, until {@code event} was heard. */
    synchronized void await(PresenceEvent event) throws InterruptedException {
        long deadline = System.nanoTime() + RedisServer.WAIT.toNanos();
        while (!events.contains(event)) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("waiting for %s; heard %s", event, events).isPositive();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
