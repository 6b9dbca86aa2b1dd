package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client-side handler recording events in order: a text as its {@code String}, a binary as
 * its {@code byte[]}, others as {@code "pong:<hex>"}, {@code "close:<code>:<reason>"},
 * {@code "error:<violation>"}.
 */
final class Recorder implements WebSocketHandler {
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    /** The next event, waiting at most 10 s. */
    Object next() throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    @Override
    public void onText(WebSocket socket, String text) {
        events.add(text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        events.add(copy);
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer payload) {
        byte[] copy = new byte[payload.remaining()];
        payload.duplicate().get(copy);
        events.add("pong:" + HexFormat.of().formatHex(copy));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        events.add("close:" + code + ":" + reason);
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        events.add("error:" + error.violation());
    }
}
