package dev.wskit.transport.core;

import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.util.concurrent.CompletableFuture;

/**
 * The application's handler as the engine sees it. Before {@code onOpen} the socket publishes its
 * OPEN state, so a handler that hands the socket to another thread there can send at once; then
 * the application runs; then the connect future completes, so the handler's first sends precede
 * any its listeners make. If {@code onOpen} throws, the engine fails the connection with 1011 and
 * the future fails with it. Before {@code onClose} the socket publishes CLOSED, so a thread told of
 * the close by the handler gets its sends refused, not silently dropped.
 */
final class LifecycleHandler extends ForwardingWebSocketHandler {
    private final WebSocketFacade facade;
    private final CompletableFuture<WebSocket> opened;

    LifecycleHandler(WebSocketHandler application, WebSocketFacade facade, CompletableFuture<WebSocket> opened) {
        super(application);
        this.facade = facade;
        this.opened = opened;
    }

    @Override
    public void onOpen(WebSocket socket) {
        facade.publish();
        super.onOpen(socket);
        opened.complete(socket);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        facade.publish();
        super.onClose(socket, code, reason);
    }

    /** Before the open, an error is the handshake's failure (or onOpen's): the connect future carries it. */
    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        opened.completeExceptionally(error);
        super.onError(socket, error);
    }
}
