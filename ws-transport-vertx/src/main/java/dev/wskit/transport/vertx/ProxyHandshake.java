package dev.wskit.transport.vertx;

import dev.wskit.transport.core.TunnelHandshake;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.CompletionStage;

/**
 * Runs the shared {@link TunnelHandshake} on a socket connected to the proxy, on the socket's
 * context. Vert.x's own {@code ProxyOptions} would refuse other answers, with other errors, than
 * the other transports; this is the exchange they all share.
 */
final class ProxyHandshake {
    private ProxyHandshake() {
    }

    /**
     * Completes once the tunnel is open, with the socket's handlers free again, or fails with the
     * {@code ProxyConnectException} (or the socket's own error).
     */
    static CompletionStage<Void> open(Vertx vertx, NetSocket socket, TunnelHandshake handshake) {
        socket.handler(answer -> handshake.received(BufferBridge.ownedView(answer)));
        socket.closeHandler(closed -> handshake.closed());
        socket.exceptionHandler(handshake::failed);
        return handshake.start(request -> socket.write(BufferBridge.wrap(request)),
                        (delayNanos, task) -> ContextBoundIo.schedule(vertx, delayNanos, task))
                .thenRun(() -> socket.handler(null).closeHandler(null).exceptionHandler(null));
    }
}
