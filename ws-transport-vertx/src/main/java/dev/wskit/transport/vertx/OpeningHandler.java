package dev.wskit.transport.vertx;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import io.vertx.core.Promise;
import java.nio.ByteBuffer;

/**
 * The application's handler as the engine sees it. On {@code onOpen} the socket first publishes
 * its OPEN state, so a handler that passes it to another thread there can send at once; then
 * the application runs; then the client's connect future, if any, completes (so the handler's
 * first sends precede any made by the future's listeners). Everything else passes through.
 */
final class OpeningHandler implements WebSocketHandler {
    private final WebSocketHandler application;
    private final Promise<WebSocket> opened;

    /** {@code opened} is the client's connect promise, {@code null} on the server. */
    OpeningHandler(WebSocketHandler application, Promise<WebSocket> opened) {
        this.application = application;
        this.opened = opened;
    }

    @Override
    public void onOpen(WebSocket socket) {
        ((ContextWebSocket) socket).refresh();
        try {
            application.onOpen(socket);
        } finally {
            if (opened != null) {
                opened.tryComplete(socket);
            }
        }
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

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        application.onError(socket, error);
    }
}
