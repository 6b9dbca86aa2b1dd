package dev.wskit.transport.blocking;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The live connections of a server or client: admits up to a limit, and closes them all on stop,
 * gracefully first (a close frame, then up to a grace period for the closing handshakes) and by
 * force after. Thread-safe.
 */
final class ConnectionGroup {
    private final int maxConnections;
    private final Set<BlockingConnection> live = new HashSet<>();
    private boolean closing;

    ConnectionGroup(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Admits {@code connection} unless the group is full or closing. */
    synchronized boolean tryAdd(BlockingConnection connection) {
        if (closing || live.size() >= maxConnections) {
            return false;
        }
        live.add(connection);
        return true;
    }

    synchronized void remove(BlockingConnection connection) {
        live.remove(connection);
        if (live.isEmpty()) {
            notifyAll();
        }
    }

    /**
     * Admits no more, starts the closing handshake on every connection with 1001 and
     * {@code reason}, waits up to {@code grace} for them to end, then drops the rest. Returns without
     * waiting for their threads. An interrupt cuts the grace short and is kept for the caller.
     */
    void closeAll(String reason, Duration grace) {
        List<BlockingConnection> open;
        synchronized (this) {
            closing = true;
            open = List.copyOf(live);
        }
        for (BlockingConnection c : open) {
            c.goingAway(reason);
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            long left = grace.toNanos();
            while (!live.isEmpty() && left > 0 && !interrupted) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                left = deadline - System.nanoTime();
            }
            open = List.copyOf(live);
        }
        for (BlockingConnection c : open) {
            c.abortSocket();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
