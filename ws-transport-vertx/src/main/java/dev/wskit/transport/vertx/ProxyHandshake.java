package dev.wskit.transport.vertx;

import dev.wskit.transport.core.TunnelHandshake;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;

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
     * {@code ProxyConnectException} (or the socket's own error) and closes the socket.
     */
    static Future<Void> open(Vertx vertx, NetSocket socket, TunnelHandshake handshake) {
        Promise<Void> open = Promise.promise();
        long timer = vertx.setTimer(handshake.deadline().millisLeft(), expired -> handshake.timedOut());
        handshake.whenSettled(failure -> {
            vertx.cancelTimer(timer);
            if (failure == null) {
                socket.handler(null).closeHandler(null).exceptionHandler(null);
                open.complete();
            } else {
                open.fail(failure);
                socket.close();
            }
        });
        socket.handler(answer -> handshake.received(BufferBridge.ownedView(answer)));
        socket.closeHandler(closed -> handshake.closed());
        socket.exceptionHandler(handshake::failed);
        socket.write(BufferBridge.wrap(handshake.request()));
        return open.future();
    }
}
