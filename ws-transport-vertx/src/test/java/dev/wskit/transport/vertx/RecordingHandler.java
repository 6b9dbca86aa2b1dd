package dev.wskit.transport.vertx;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Client-side test handler: every event as one line in a queue, payloads as text or byte arrays. */
class RecordingHandler implements WebSocketHandler {
    static final long TIMEOUT_SECONDS = 20;

    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void onText(WebSocket socket, String text) {
        events.add(text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        events.add(bytes);
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer payload) {
        events.add("pong " + StandardCharsets.UTF_8.decode(payload));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        events.add("close " + code + " " + reason);
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        events.add("error " + error.violation());
    }

    Object next() throws InterruptedException {
        Object event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + TIMEOUT_SECONDS + " s");
        }
        return event;
    }
}
