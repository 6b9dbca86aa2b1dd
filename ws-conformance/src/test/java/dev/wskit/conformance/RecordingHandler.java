package dev.wskit.conformance;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records what a connection's handler saw, for the permessage-deflate tests: messages (a
 * {@code String} or a {@code byte[]}) in one queue, everything else as text events
 * ({@code "open"}, {@code "error:<violation>"}, {@code "close:<code>:<reason>"}) in another. With
 * {@code echo} on, it sends every message back. Thread-safe: any transport's threads may call it.
 */
final class RecordingHandler implements WebSocketHandler {
    static final long WAIT_SECONDS = 10;

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final boolean echo;

    private RecordingHandler(boolean echo) {
        this.echo = echo;
    }

    static RecordingHandler echoing() {
        return new RecordingHandler(true);
    }

    static RecordingHandler recording() {
        return new RecordingHandler(false);
    }

    @Override
    public void onOpen(WebSocket socket) {
        events.add("open");
    }

    @Override
    public void onText(WebSocket socket, String text) {
        messages.add(text);
        if (echo) {
            socket.sendText(text);
        }
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        messages.add(copy);
        if (echo) {
            socket.sendBinary(data);
        }
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        events.add("error:" + error.violation());
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        events.add("close:" + code + ":" + reason);
    }

    Object nextMessage() throws InterruptedException {
        Object m = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + WAIT_SECONDS + " s");
        }
        return m;
    }

    String nextEvent() throws InterruptedException {
        String e = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + WAIT_SECONDS + " s");
        }
        return e;
    }
}
