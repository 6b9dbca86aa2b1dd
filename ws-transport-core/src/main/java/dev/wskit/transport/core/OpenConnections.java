package dev.wskit.transport.core;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections of one server or client that have not ended yet, for a stop that does not block:
 * its future completes once every connection open when it began has ended. For a transport whose
 * own shutdown sends the {@code 1001} and closes what is left (a {@link ConnectionGroup} does both
 * itself, and waits). Thread-safe.
 */
public final class OpenConnections {
    /** Each open connection, with what completes once it has ended and left this map. */
    private final Map<ConnectionDriver, CompletableFuture<Void>> open = new ConcurrentHashMap<>();

    /** Counts nothing yet. */
    public OpenConnections() {
    }

    /**
     * Counts {@code connection} until it has ended.
     *
     * @param connection the driver of a connection just started
     */
    public void add(ConnectionDriver connection) {
        CompletableFuture<Void> gone = new CompletableFuture<>();
        open.put(connection, gone);
        connection.ended().thenRun(() -> {
            // Gone before its future completes: a stop that waited for it no longer counts it.
            open.remove(connection);
            gone.complete(null);
        });
    }

    /**
     * The connections not ended yet; for tests and metrics.
     *
     * @return how many there are now
     */
    public int size() {
        return open.size();
    }

    /**
     * Completes once every connection open now has ended and its handler had {@code onClose}.
     *
     * @return the future of their end, complete at once when none is open
     */
    public CompletionStage<Void> allEnded() {
        return CompletableFuture.allOf(open.values().toArray(CompletableFuture[]::new));
    }
}
