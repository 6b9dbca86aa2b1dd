package dev.wskit.transport.vertx;

import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import io.vertx.core.Promise;

/**
 * The application's handler as the engine sees it. On {@code onOpen} the socket first publishes
 * its OPEN state, so a handler that passes it to another thread there can send at once; then
 * the application runs; then the client's connect future, if any, completes (so the handler's
 * first sends precede any made by the future's listeners). Everything else passes through.
 */
final class OpeningHandler extends ForwardingWebSocketHandler {
    private final Promise<WebSocket> opened;

    /** {@code opened} is the client's connect promise, {@code null} on the server. */
    OpeningHandler(WebSocketHandler application, Promise<WebSocket> opened) {
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
}
