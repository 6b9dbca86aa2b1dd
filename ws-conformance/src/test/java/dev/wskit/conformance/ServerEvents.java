package dev.wskit.conformance;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fault suite's server application and what it saw, per request path: the echo of
 * {@link Transport.Echo}, plus a record a test can assert on (the close code each connection's
 * handler got, the messages it echoed, the most bytes it ever had pending), so the server's own
 * view is checked through the public handler API and nothing inside a transport.
 *
 * <p>It echoes only while the connection is {@code OPEN}: a message that arrives after the server
 * sent its close frame has nowhere to go (RFC 6455 §5.5.1: no data frame follows a close), and is
 * counted as {@link #ignoredAfterClose} instead. Thread-safe: handlers of many connections record
 * here at once.
 */
final class ServerEvents {
    private final Map<String, List<Integer>> closeCodes = new HashMap<>();
    private final Map<String, Integer> opened = new HashMap<>();
    private final Map<String, Integer> echoed = new HashMap<>();
    private final Map<String, Integer> ignoredAfterClose = new HashMap<>();
    private final Map<String, Long> mostPending = new HashMap<>();

    /** One handler per connection, for the server builders' suppliers. */
    WebSocketHandler newHandler() {
        return new Handler();
    }

    synchronized int opened(String path) {
        return opened.getOrDefault(path, 0);
    }

    synchronized int echoed(String path) {
        return echoed.getOrDefault(path, 0);
    }

    synchronized int ignoredAfterClose(String path) {
        return ignoredAfterClose.getOrDefault(path, 0);
    }

    /** The most outbound bytes any connection on {@code path} had pending right after an echo. */
    synchronized long mostPending(String path) {
        return mostPending.getOrDefault(path, 0L);
    }

    /** The close codes handlers on {@code path} got so far, in the order they got them. */
    synchronized List<Integer> closeCodes(String path) {
        return List.copyOf(closeCodes.getOrDefault(path, List.of()));
    }

    /**
     * Waits until {@code count} connections on {@code path} have closed; returns the codes seen
     * by then (fewer on timeout, for the caller's assertion to show).
     */
    synchronized List<Integer> awaitCloses(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (closeCodes.getOrDefault(path, List.of()).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return closeCodes(path);
    }

    private synchronized void count(Map<String, Integer> counts, String path) {
        counts.merge(path, 1, Integer::sum);
    }

    private synchronized void pending(String path, long bytes) {
        mostPending.merge(path, bytes, Math::max);
    }

    private synchronized void closed(String path, int code) {
        closeCodes.computeIfAbsent(path, p -> new ArrayList<>()).add(code);
        notifyAll();
    }

    private final class Handler implements WebSocketHandler {
        /** Set in onOpen; a connection that never opened never reaches the other callbacks. */
        private String path;

        @Override
        public void onOpen(WebSocket socket) {
            path = socket.request().path();
            count(opened, path);
        }

        @Override
        public void onText(WebSocket socket, String text) {
            if (socket.state() != ConnectionState.OPEN) {
                count(ignoredAfterClose, path);
                return;
            }
            socket.sendText(text);
            echoedOne(socket);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            if (socket.state() != ConnectionState.OPEN) {
                count(ignoredAfterClose, path);
                return;
            }
            socket.sendBinary(data);
            echoedOne(socket);
        }

        private void echoedOne(WebSocket socket) {
            count(echoed, path);
            pending(path, socket.pendingOutboundBytes());
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            if (path != null) {
                closed(path, code);
            }
        }
    }
}
