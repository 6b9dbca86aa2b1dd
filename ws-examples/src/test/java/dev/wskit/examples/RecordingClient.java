package dev.wskit.examples;

import dev.wskit.examples.transport.ClientConnection;
import dev.wskit.examples.transport.ClientOptions;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A wskit client for tests that records every event as a line: {@code text:…},
 * {@code binary:HEX}, {@code close:CODE REASON}. {@link #close()} ends the connection normally
 * and releases the transport.
 */
public final class RecordingClient implements WebSocketHandler, AutoCloseable {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ClientConnection connection;

    private RecordingClient(ExampleTransport transport, URI uri, WebSocketConfig config) throws Exception {
        this.connection = transport.connect(uri, config, ClientOptions.NONE, this);
    }

    public static RecordingClient connect(ExampleTransport transport, URI uri) throws Exception {
        return new RecordingClient(transport, uri, WebSocketConfig.defaults());
    }

    public static RecordingClient connect(ExampleTransport transport, URI uri, WebSocketConfig config) throws Exception {
        return new RecordingClient(transport, uri, config);
    }

    public WebSocket socket() {
        return connection.socket();
    }

    @Override
    public void onText(WebSocket socket, String text) {
        events.add("text:" + text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        events.add("binary:" + HexFormat.of().formatHex(bytes));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        events.add("close:" + code + (reason.isEmpty() ? "" : " " + reason));
        closed.countDown();
    }

    /** The next event, waiting up to 10 s. */
    public String next() throws InterruptedException {
        return next(Duration.ofSeconds(10));
    }

    /** The next event, waiting up to {@code timeout}. */
    public String next(Duration timeout) throws InterruptedException {
        String event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return event;
    }

    /** Closes with 1000, waits for the closing handshake, releases the transport; an interrupt ends the wait and is kept. */
    @Override
    public void close() {
        try {
            socket().close();
            if (!closed.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no closing handshake within 10 s");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            connection.close();
        }
    }
}
