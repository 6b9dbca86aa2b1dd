package dev.wskit.transport.vertx;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Server-side test handler: echoes every message, closes with 4000 "bye" when told
 * {@code "close-me"}, and records what the test must check (sockets opened, closes, errors).
 */
class EchoHandler implements WebSocketHandler {
    final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    final BlockingQueue<WebSocketException> errors = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(WebSocket socket) {
        opened.add(socket);
    }

    @Override
    public void onText(WebSocket socket, String text) {
        if (text.equals("close-me")) {
            socket.close(4000, "bye");
        } else {
            socket.sendText(text);
        }
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        socket.sendBinary(data);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        closes.add(code + " " + reason);
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        errors.add(error);
    }
}
