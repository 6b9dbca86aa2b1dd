package dev.wskit.transport.netty.http2;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The server's handler in the tests: echoes every message and records how each connection ended. */
final class EchoRecorder implements WebSocketHandler {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(WebSocket socket) {
        events.add("open");
    }

    @Override
    public void onText(WebSocket socket, String text) {
        socket.sendText(text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        socket.sendBinary(data);
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        events.add("error:" + error.violation());
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        events.add("close:" + code);
    }

    /** The next event: {@code open}, {@code error:VIOLATION} or {@code close:code}. */
    String next() throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        return event == null ? "nothing within 10 s" : event;
    }
}
