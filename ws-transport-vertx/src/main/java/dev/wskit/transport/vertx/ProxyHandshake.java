package dev.wskit.transport.vertx;

import dev.wskit.protocol.proxy.ProxyConnectException;
import dev.wskit.protocol.proxy.ProxyTunnel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ProxyTunnel}'s {@code CONNECT} exchange on a socket connected to the proxy, on
 * the socket's context. Vert.x's own {@code ProxyOptions} would refuse other answers, with other
 * errors, than the other transports; this is the exchange they all share.
 */
final class ProxyHandshake {
    private ProxyHandshake() {
    }

    /**
     * Writes the request and reads the answer; completes once the tunnel is open, with the socket's
     * handlers free again, or fails with the {@link ProxyConnectException} (or the socket's own
     * error) and closes the socket.
     *
     * @param deadline the end of the connect timeout, in {@link System#nanoTime()}
     */
    static Future<Void> open(Vertx vertx, NetSocket socket, ProxyTunnel tunnel, long deadline, Duration connectTimeout) {
        Promise<Void> open = Promise.promise();
        long millisLeft = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        long timer = vertx.setTimer(millisLeft, expired -> fail(socket, open, tunnel.timedOut(connectTimeout)));
        socket.handler(answer -> {
            try {
                if (!open.future().isComplete() && tunnel.receive(BufferBridge.ownedView(answer))) {
                    vertx.cancelTimer(timer);
                    socket.handler(null).closeHandler(null).exceptionHandler(null);
                    open.complete();
                }
            } catch (ProxyConnectException e) {
                vertx.cancelTimer(timer);
                fail(socket, open, e);
            }
        });
        socket.closeHandler(closed -> {
            vertx.cancelTimer(timer);
            fail(socket, open, tunnel.closedEarly());
        });
        socket.exceptionHandler(error -> {
            vertx.cancelTimer(timer);
            fail(socket, open, error);
        });
        socket.write(BufferBridge.wrap(tunnel.request()));
        return open.future();
    }

    private static void fail(NetSocket socket, Promise<Void> open, Throwable cause) {
        if (open.tryFail(cause)) {
            socket.close();
        }
    }
}
