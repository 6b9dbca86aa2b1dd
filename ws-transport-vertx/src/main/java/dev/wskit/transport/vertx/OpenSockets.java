package dev.wskit.transport.vertx;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open connections of one server or client, for the future of a stop. Thread-safe. */
final class OpenSockets {
    private final Set<NetSocketConnection> open = ConcurrentHashMap.newKeySet();

    /** Counts {@code connection} until its socket has closed. */
    void add(NetSocketConnection connection) {
        open.add(connection);
        connection.closed().onComplete(v -> open.remove(connection));
    }

    int size() {
        return open.size();
    }

    /** Completes once every connection open now has closed and its handler had {@code onClose}. */
    Future<Void> allClosed() {
        List<Future<Void>> closing = new ArrayList<>();
        for (NetSocketConnection connection : open) {
            closing.add(connection.closed());
        }
        return Future.join(closing).mapEmpty();
    }
}
