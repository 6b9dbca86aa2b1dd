package dev.wskit.transport.vertx;

import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import io.vertx.core.Promise;

/**
 * The application's handler as the engine sees it. On {@code onOpen} the socket first publishes
 * its OPEN state, so a handler that passes it to another thread there can send at once; then
 * the application runs; then the client's connect future, if any, completes (so the handler's
 * first sends precede any made by the future's listeners). On {@code onClose} it publishes
 * CLOSED first, so a thread told of the close by the handler gets its sends refused, not
 * silently dropped. Everything else passes through.
 */
final class LifecycleHandler extends ForwardingWebSocketHandler {
    private final Promise<WebSocket> opened;

    /** {@code opened} is the client's connect promise, {@code null} on the server. */
    LifecycleHandler(WebSocketHandler application, Promise<WebSocket> opened) {
        super(application);
        this.opened = opened;
    }

    @Override
    public void onOpen(WebSocket socket) {
        ((ContextWebSocket) socket).refresh();
        try {
            super.onOpen(socket);
        } finally {
            if (opened != null) {
                opened.tryComplete(socket);
            }
        }
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        ((ContextWebSocket) socket).refresh();
        super.onClose(socket, code, reason);
    }
}
