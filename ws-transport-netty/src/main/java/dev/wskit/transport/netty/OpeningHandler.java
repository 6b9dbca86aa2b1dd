package dev.wskit.transport.netty;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Completes a client's connect future from the engine's events: with the socket once open, or
 * with the engine's {@link WebSocketException} when the handshake fails. Everything else goes
 * straight to the application's handler.
 */
final class OpeningHandler implements WebSocketHandler {
    private final WebSocketHandler application;
    private final CompletableFuture<WebSocket> opened;

    OpeningHandler(WebSocketHandler application, CompletableFuture<WebSocket> opened) {
        this.application = application;
        this.opened = opened;
    }

    @Override
    public void onOpen(WebSocket socket) {
        application.onOpen(socket);
        opened.complete(socket);
    }

    @Override
    public void onText(WebSocket socket, String text) {
        application.onText(socket, text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        application.onBinary(socket, data);
    }

    @Override
    public void onTextFragment(WebSocket socket, ByteBuffer utf8, boolean last) {
        application.onTextFragment(socket, utf8, last);
    }

    @Override
    public void onBinaryFragment(WebSocket socket, ByteBuffer data, boolean last) {
        application.onBinaryFragment(socket, data, last);
    }

    @Override
    public void onPing(WebSocket socket, ByteBuffer payload) {
        application.onPing(socket, payload);
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer payload) {
        application.onPong(socket, payload);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        application.onClose(socket, code, reason);
    }

    /** Before the open, an error is the handshake's failure: the connect future carries it. */
    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        if (!opened.isDone()) {
            opened.completeExceptionally(error);
        }
        application.onError(socket, error);
    }
}
