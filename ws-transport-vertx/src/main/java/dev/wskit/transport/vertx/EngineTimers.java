package dev.wskit.transport.vertx;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocketConfig;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The three timers of one connection, as Vert.x timers: the handshake timeout from accept or
 * connect, the idle timeout re-armed by every input, and the close timeout once a close is under
 * way. The engine decides what a timeout means; this class only says when one elapsed. Armed
 * and fired on the connection's context (a Vert.x timer set on a context fires on it), so the
 * engine is never touched from another thread. A zero duration turns that timer off.
 */
final class EngineTimers {
    private static final long NONE = -1;

    /** What the driver does when a timer fires. */
    interface Expiry {
        void handshakeTimedOut();

        void idleTimedOut();

        void closeTimedOut();
    }

    private final Vertx vertx;
    private final WebSocketConfig config;
    private final Expiry expiry;
    private long handshakeTimer = NONE;
    private long idleTimer = NONE;
    private long closeTimer = NONE;
    private boolean closeTimerUsed;

    EngineTimers(Vertx vertx, WebSocketConfig config, Expiry expiry) {
        this.vertx = vertx;
        this.config = config;
        this.expiry = expiry;
    }

    /** The TCP connection is up: the opening handshake must finish in time (RFC 6455 §4.1, §4.2). */
    void connected() {
        handshakeTimer = arm(config.handshakeTimeout(), () -> {
            handshakeTimer = NONE;
            expiry.handshakeTimedOut();
        });
    }

    /** Bytes arrived: the peer is alive, so the idle countdown starts again. */
    void inputArrived(ConnectionState state) {
        if (state == ConnectionState.OPEN) {
            armIdle();
        }
    }

    /**
     * Follows the engine's state after each step. {@code tcpOpen} tells whether a CLOSED client is
     * still waiting for the server to close TCP (RFC 6455 §7.1.1), which the close timer bounds.
     */
    void stateIs(ConnectionState state, boolean tcpOpen) {
        if (state != ConnectionState.CONNECTING) {
            handshakeTimer = cancel(handshakeTimer);
        }
        if (state == ConnectionState.OPEN && idleTimer == NONE) {
            armIdle();
        } else if (state != ConnectionState.OPEN) {
            idleTimer = cancel(idleTimer);
        }
        boolean closing = state == ConnectionState.CLOSING || (state == ConnectionState.CLOSED && tcpOpen);
        if (closing && !closeTimerUsed) {
            closeTimerUsed = true;
            closeTimer = arm(config.closeTimeout(), () -> {
                closeTimer = NONE;
                expiry.closeTimedOut();
            });
        }
    }

    /** The socket closed: nothing is left to time. */
    void cancelAll() {
        handshakeTimer = cancel(handshakeTimer);
        idleTimer = cancel(idleTimer);
        closeTimer = cancel(closeTimer);
    }

    private void armIdle() {
        idleTimer = cancel(idleTimer);
        idleTimer = arm(config.idleTimeout(), () -> {
            idleTimer = NONE;
            expiry.idleTimedOut();
        });
    }

    private long arm(Duration timeout, Runnable action) {
        if (timeout.isZero()) {
            return NONE;
        }
        return vertx.setTimer(Math.max(1, timeout.toMillis()), id -> action.run());
    }

    private long cancel(long timer) {
        if (timer != NONE) {
            vertx.cancelTimer(timer);
        }
        return NONE;
    }
}
