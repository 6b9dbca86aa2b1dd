package dev.wskit.transport.vertx;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.ByteBuffer;

/**
 * Drives one engine over one {@link NetSocket}, always on the socket's {@link Context}: read bytes
 * go to {@code receive}, what the engine queues is written, the socket is closed when the engine
 * says so, timers fire into the engine (RFC 6455 §4, §7.1).
 *
 * <p>Backpressure: when Vert.x reports {@code writeQueueFull()} the driver stops reading (the
 * socket is paused, and the engine too, so the rest of a read waits) until the drain handler
 * fires. A peer that never reads cannot make us hold more than
 * {@link WebSocketConfig#maxOutboundBytes()}: above it the connection is dropped.
 *
 * <p>Not thread-safe, by design: every method runs on the connection's context.
 * {@link ContextWebSocket} moves calls from other threads there.
 */
final class NetSocketDriver implements EngineTimers.Expiry {
    private final Vertx vertx;
    private final Context context;
    private final NetSocket socket;
    private final WebSocketConnection engine;
    private final WebSocketConfig config;
    private final EngineTimers timers;
    private final ContextWebSocket facade;
    private final Promise<Void> closed = Promise.promise();
    private final String goingAwayReason;
    /**
     * The client or server this connection belongs to, kept reachable for as long as the socket
     * is: Vert.x closes a {@code NetClient} nobody references any more (its CleanableNetClient),
     * which would shut down a connection the application still uses.
     */
    private final Object owner;

    /** Bytes the engine left unread because input is paused; offered again on drain. */
    private ByteBuffer held;
    /** Bytes handed to the socket whose write has not completed yet (Vert.x's own queue). */
    private long unwrittenBytes;
    /** Paused because the socket's write queue is full (transport backpressure). */
    private boolean inputPaused;
    /** Paused by the application through {@link dev.wskit.protocol.WebSocket#pause()}. */
    private boolean applicationPaused;
    private boolean closeRequested;
    private boolean socketClosed;
    private Throwable socketError;

    NetSocketDriver(Object owner, Vertx vertx, Context context, NetSocket socket, WebSocketConnection engine,
                    WebSocketConfig config, String goingAwayReason) {
        this.owner = owner;
        this.vertx = vertx;
        this.goingAwayReason = goingAwayReason;
        this.context = context;
        this.socket = socket;
        this.engine = engine;
        this.config = config;
        this.timers = new EngineTimers(vertx, config, this);
        this.facade = new ContextWebSocket(this);
        engine.endpoint(facade);
    }

    /** Wires the socket's handlers and starts the handshake clock; call on the socket's context. */
    void start() {
        socket.handler(this::onData);
        socket.drainHandler(v -> onDrain());
        socket.exceptionHandler(this::onSocketError);
        socket.closeHandler(v -> onSocketClosed());
        socket.shutdownHandler(v -> goingAway(goingAwayReason));
        timers.connected();
        // The client's request is queued by the engine at creation.
        afterStep();
    }

    Context context() {
        return context;
    }

    WebSocketConnection engine() {
        return engine;
    }

    ContextWebSocket facade() {
        return facade;
    }

    /** Completes once the socket is closed and the handler has had its {@code onClose}. */
    Future<Void> closed() {
        return closed.future();
    }

    /** An error the socket reported (TLS, reset), or {@code null}. */
    Throwable socketError() {
        return socketError;
    }

    // ---- input ------------------------------------------------------------------------------

    private void onData(Buffer buffer) {
        ByteBuffer in = BufferBridge.ownedView(buffer);
        if (held != null) {
            // Only a read already under way when input was paused lands here; keep the order.
            in = ByteBuffer.allocate(held.remaining() + in.remaining()).put(held).put(in).flip();
            held = null;
        }
        receive(in);
    }

    private void receive(ByteBuffer in) {
        timers.inputArrived(engine.state());
        engine.receive(in);
        if (in.hasRemaining() && !engine.shouldCloseTransport()) {
            // The engine stopped because input is paused: these bytes are ours to offer again.
            held = in;
        }
        afterStep();
    }

    private void onDrain() {
        if (!inputPaused || socketClosed) {
            return;
        }
        inputPaused = false;
        resumeUnlessStillPaused();
    }

    /** The application asked to stop reading; on the context. */
    void pauseByApplication() {
        if (!socketClosed) {
            applicationPaused = true;
            socket.pause();
            engine.pause();
        }
    }

    /** The application asked to read again; on the context. */
    void resumeByApplication() {
        applicationPaused = false;
        resumeUnlessStillPaused();
    }

    /** Input flows again only when neither backpressure nor the application holds it. */
    private void resumeUnlessStillPaused() {
        if (inputPaused || applicationPaused || socketClosed) {
            return;
        }
        engine.resume();
        if (held != null) {
            ByteBuffer rest = held;
            held = null;
            receive(rest);
        }
        if (!inputPaused && !applicationPaused) {
            socket.resume();
        }
    }

    // ---- output -----------------------------------------------------------------------------

    /**
     * Writes what the engine queued, applies backpressure and the outbound limit, follows the
     * state with the timers, and closes the socket when the engine asks. Runs after every
     * input, send and timer.
     */
    void afterStep() {
        if (socketClosed) {
            facade.publish(engine, 0);
            return;
        }
        for (ByteBuffer out; (out = engine.pollOutbound()) != null; ) {
            write(out, engine.releaseOfPolled());
        }
        if (!inputPaused && socket.writeQueueFull()) {
            pauseInput();
        }
        if (engine.checkOutboundBacklog(unwrittenBytes)) {
            // At once, even inside a handler callback: a handler that keeps sending then sees
            // CLOSED (and its onClose) instead of growing the queue further.
            dropForOverflow();
            return;
        }
        timers.stateIs(engine.state(), !closeRequested);
        facade.publish(engine, unwrittenBytes);
        if (engine.shouldCloseTransport() && !engine.hasOutbound()) {
            closeSocket();
        }
    }

    void publishState() {
        facade.publish(engine, unwrittenBytes);
    }

    /** {@code release}, if any, frees a handed-over payload once it is written or failed. */
    private void write(ByteBuffer out, PayloadRelease release) {
        int length = out.remaining();
        unwrittenBytes += length;
        // The completion runs on this context: Vert.x completes a socket's futures there.
        socket.write(BufferBridge.wrap(out)).onComplete(ar -> {
            unwrittenBytes -= length;
            facade.publish(engine, unwrittenBytes);
            if (release != null) {
                release.release();
            }
        });
    }

    /** Flow control (DESIGN.md, backpressure): stop reading from a peer whose replies we cannot write. */
    private void pauseInput() {
        inputPaused = true;
        socket.pause();
        // Inside a receive this stops the engine after the current event; the rest is held.
        engine.pause();
    }

    /**
     * The engine gave up on a peer that does not read what we send, past
     * {@link WebSocketConfig#maxOutboundBytes()}: a close frame would queue behind the same unread
     * bytes, so TCP is dropped (the handler has had onError and onClose 1006).
     */
    private void dropForOverflow() {
        timers.cancelAll();
        facade.publish(engine, unwrittenBytes);
        closeSocket();
    }

    private void closeSocket() {
        if (!closeRequested) {
            closeRequested = true;
            // Vert.x flushes what is queued before it closes the channel.
            socket.close();
        }
    }

    // ---- socket events ----------------------------------------------------------------------

    /**
     * Vert.x is shutting the server or client down gracefully ({@code shutdownHandler}): start
     * the closing handshake with 1001 (RFC 6455 §7.4.1); a connection still in its opening
     * handshake is just dropped. Vert.x force-closes what is left when its grace period ends.
     */
    void goingAway(String reason) {
        if (engine.state() == ConnectionState.OPEN || engine.state() == ConnectionState.CONNECTING) {
            engine.close(CloseCode.GOING_AWAY, reason);
        }
        afterStep();
    }

    private void onSocketError(Throwable error) {
        if (socketError == null) {
            socketError = error;
        }
    }

    private void onSocketClosed() {
        socketClosed = true;
        timers.cancelAll();
        held = null;
        // EOF or reset: the engine turns it into 1006 if no closing handshake completed.
        engine.transportClosed();
        facade.publish(engine, 0);
        closed.tryComplete();
    }

    // ---- timers -----------------------------------------------------------------------------

    @Override
    public void handshakeTimedOut() {
        engine.handshakeTimedOut();
        afterStep();
    }

    @Override
    public void idleTimedOut() {
        engine.idleTimedOut();
        afterStep();
    }

    @Override
    public void closeTimedOut() {
        engine.closeTimedOut();
        afterStep();
    }
}
