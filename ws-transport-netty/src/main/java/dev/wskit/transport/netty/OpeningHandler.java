package dev.wskit.transport.netty;

import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.util.concurrent.CompletableFuture;

/**
 * Completes a client's connect future from the engine's events: with the socket once open, or
 * with the engine's {@link WebSocketException} when the handshake fails. Everything else goes
 * straight to the application's handler.
 */
final class OpeningHandler extends ForwardingWebSocketHandler {
    private final CompletableFuture<WebSocket> opened;

    OpeningHandler(WebSocketHandler application, CompletableFuture<WebSocket> opened) {
        super(application);
        this.opened = opened;
    }

    @Override
    public void onOpen(WebSocket socket) {
        super.onOpen(socket);
        opened.complete(socket);
    }

    /** Before the open, an error is the handshake's failure: the connect future carries it. */
    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        if (!opened.isDone()) {
            opened.completeExceptionally(error);
        }
        super.onError(socket, error);
    }
}
