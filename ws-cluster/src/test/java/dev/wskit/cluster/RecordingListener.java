package dev.wskit.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A cluster listener that keeps what it hears, for a test to wait on. */
final class RecordingListener implements ClusterListener {
    private final List<ClusterState> states = new ArrayList<>();
    private long dropped;

    @Override
    public synchronized void stateChanged(ClusterState state, Throwable cause) {
        states.add(state);
        notifyAll();
    }

    @Override
    public synchronized void publishesDropped(long total) {
        dropped = total;
        notifyAll();
    }

    synchronized List<ClusterState> states() {
        return List.copyOf(states);
    }

    /** Waits, at most {@link RedisServer#WAIT}, until the total dropped reached {@code total}. */
    synchronized void awaitDropped(long total) throws InterruptedException {
        long deadline = System.nanoTime() + RedisServer.WAIT.toNanos();
        while (dropped < total) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("waiting for %d dropped; heard %d", total, dropped).isPositive();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits, at most {@link RedisServer#WAIT}, until the listener heard {@code state} {@code times} times. */
    synchronized void await(ClusterState state, int times) throws InterruptedException {
        long deadline = System.nanoTime() + RedisServer.WAIT.toNanos();
        while (states.stream().filter(state::equals).count() < times) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("waiting for %s #%d; heard %s", state, times, states).isPositive();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
