package dev.wskit.benchmarks.http2;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * One client WebSocket of the echo: keeps up to {@code inFlight} text messages outstanding, each
 * naming its socket and sequence number and padded to the message size, and checks that every
 * echo is the oldest message still outstanding, character for character (a WebSocket keeps the
 * order of its messages, over a TCP connection or an HTTP/2 stream alike). The latency of each
 * echo, from the send to the echo's arrival, goes to the shared {@link Recorder}.
 */
final class EchoSocket implements WebSocketHandler {
    /** What all sockets of a mode share: counters and the latency recorder (all thread-safe). */
    static final class Shared {
        final LongAdder verified = new LongAdder();
        final LongAdder mismatched = new LongAdder();
        final LongAdder closed = new LongAdder();
        final Recorder latencyNanos = new Recorder(3);
    }

    private record Pending(String text, long sentNanos) {
    }

    private final int id;
    private final int size;
    private final Shared shared;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long sequence;
    private volatile int inFlight;
    private volatile boolean running;
    private volatile WebSocket socket;

    EchoSocket(int id, int size, Shared shared) {
        this.id = id;
        this.size = size;
        this.shared = shared;
    }

    @Override
    public void onOpen(WebSocket opened) {
        this.socket = opened;
    }

    /**
     * Starts the echo: one message from this thread, then each echo tops the socket up to
     * {@code inFlight} outstanding from the socket's own thread. Sending all of them from here
     * would race the echoes: a send on the socket's thread goes out at once, ahead of sends
     * another thread handed to it that are still queued, and the order checked would not be
     * the order on the wire.
     */
    void start(int inFlight) {
        this.inFlight = inFlight;
        running = true;
        sendNext();
    }

    /** Sends no more after the echoes now outstanding. */
    void stop() {
        running = false;
    }

    /** Messages sent and not yet echoed. */
    synchronized int outstanding() {
        return pending.size();
    }

    WebSocket socket() {
        return socket;
    }

    @Override
    public void onText(WebSocket from, String text) {
        Pending expected;
        synchronized (this) {
            expected = pending.poll();
        }
        if (expected == null || !expected.text.equals(text)) {
            shared.mismatched.increment();
            return;
        }
        shared.latencyNanos.recordValue(Math.max(1, System.nanoTime() - expected.sentNanos));
        shared.verified.increment();
        topUp();
    }

    @Override
    public void onClose(WebSocket from, int code, String reason) {
        shared.closed.increment();
    }

    @Override
    public void onError(WebSocket from, WebSocketException error) {
        // onClose follows and is what is counted.
    }

    private synchronized void topUp() {
        while (running && pending.size() < inFlight) {
            if (!sendNext()) {
                return;
            }
        }
    }

    /** Sends the next message; false when the socket refused it (closing). */
    private synchronized boolean sendNext() {
        // Queued and sent under the lock, so the queue's order is the order on the wire.
        StringBuilder text = new StringBuilder(size).append(id).append(' ').append(sequence++).append(' ');
        while (text.length() < size) {
            text.append((char) ('a' + text.length() % 26));
        }
        String message = text.toString();
        pending.add(new Pending(message, System.nanoTime()));
        if (!socket.sendText(message)) {
            pending.pollLast();
            return false;
        }
        return true;
    }
}
