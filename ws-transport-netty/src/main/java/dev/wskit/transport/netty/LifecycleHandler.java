package dev.wskit.transport.netty;

import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.util.concurrent.CompletableFuture;

/**
 * The application's handler as the engine sees it. On {@code onOpen} the socket first publishes
 * its OPEN state to other threads (so a handler that hands it to another thread there can send
 * at once, and a connect future's listeners see it open); then the application runs; then a
 * client's connect future completes. Before the open, an error completes that future with the
 * engine's {@link WebSocketException}. On {@code onClose} the socket publishes CLOSED first, so a
 * thread that learns of the close from the handler gets its sends refused, not silently dropped.
 * Everything else passes straight through.
 */
final class LifecycleHandler extends ForwardingWebSocketHandler {
    private final CompletableFuture<WebSocket> opened;

    /** {@code opened} is the client's connect future, {@code null} on the server. */
    LifecycleHandler(WebSocketHandler application, CompletableFuture<WebSocket> opened) {
        super(application);
        this.opened = opened;
    }

    @Override
    public void onOpen(WebSocket socket) {
        ((NettyWebSocket) socket).publish();
        super.onOpen(socket);
        if (opened != null) {
            opened.complete(socket);
        }
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        ((NettyWebSocket) socket).publish();
        super.onClose(socket, code, reason);
    }

    /** Before the open, an error is the handshake's failure: the connect future carries it. */
    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        if (opened != null && !opened.isDone()) {
            opened.completeExceptionally(error);
        }
        super.onError(socket, error);
    }
}
