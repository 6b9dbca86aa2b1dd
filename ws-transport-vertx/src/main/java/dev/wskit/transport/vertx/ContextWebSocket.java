package dev.wskit.transport.vertx;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConnection;
import dev.wskit.protocol.frame.ClosePayload;
import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.handshake.HttpRequest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The {@link WebSocket} handlers receive and {@code connect} returns: safe from any thread. On
 * the connection's context, on the thread that runs it, a call goes straight to the engine and
 * its bytes are written at once; from anywhere else (a worker inside the context's
 * {@code executeBlocking} too) it hops there with {@code runOnContext}, in call order, each
 * message one task, so frames of concurrent senders never interleave on the wire.
 *
 * <p>A call from another thread is checked against the last state the context published and
 * throws {@link IllegalStateException} as the engine would; a send that races with the close is
 * dropped, as the peer would ignore it after the close frame anyway (RFC 6455 §5.5.1). Its data
 * is copied before the call returns, so the caller may reuse its buffer.
 */
final class ContextWebSocket implements WebSocket {
    private final NetSocketDriver driver;

    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile String subprotocol;
    private volatile HttpRequest request;
    private volatile long pendingOutboundBytes;

    ContextWebSocket(NetSocketDriver driver) {
        this.driver = driver;
    }

    /** Publishes the engine's state now, in the middle of a step (the handler's {@code onOpen}). */
    void refresh() {
        driver.publishState();
    }

    /** Called on the context after every step, so other threads read a recent picture. */
    void publish(WebSocketConnection engine, long unwrittenBytes) {
        state = engine.state();
        subprotocol = engine.subprotocol();
        request = engine.request();
        pendingOutboundBytes = engine.pendingOutboundBytes() + unwrittenBytes;
    }

    @Override
    public void sendText(CharSequence text) {
        sendText(text, true);
    }

    @Override
    public void sendText(CharSequence text, boolean last) {
        String copy = text.toString();
        send(engine -> engine.sendText(copy, last), true);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        sendBinary(data, true);
    }

    @Override
    public void sendBinary(ByteBuffer data, boolean last) {
        if (onContext()) {
            send(engine -> engine.sendBinary(data, last), true);
        } else {
            ByteBuffer copy = copyOf(data);
            send(engine -> engine.transferBinary(copy, last), true);
        }
    }

    @Override
    public void transferBinary(ByteBuffer data, boolean last) {
        send(engine -> engine.transferBinary(data, last), true);
    }

    @Override
    public void sendPing(ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        ByteBuffer copy = onContext() ? payload : copyOf(payload);
        send(engine -> engine.sendPing(copy), true);
    }

    @Override
    public void sendPong(ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        ByteBuffer copy = onContext() ? payload : copyOf(payload);
        send(engine -> engine.sendPong(copy), true);
    }

    @Override
    public void close(int code, String reason) {
        // The engine's own rules, checked here too so a hopped call fails at its call site.
        ClosePayload.encode(code, reason);
        send(engine -> engine.close(code, reason), false);
    }

    @Override
    public void pause() {
        onContext(driver::pauseByApplication);
    }

    @Override
    public void resume() {
        onContext(driver::resumeByApplication);
    }

    private void onContext(Runnable action) {
        if (onContext()) {
            action.run();
        } else {
            driver.context().runOnContext(v -> action.run());
        }
    }

    private void send(Consumer<WebSocketConnection> action, boolean needsOpen) {
        if (onContext()) {
            action.accept(driver.engine());
            driver.afterStep();
            return;
        }
        if (needsOpen && state != ConnectionState.OPEN) {
            throw new IllegalStateException("cannot send: the connection is " + state);
        }
        driver.context().runOnContext(v -> {
            WebSocketConnection engine = driver.engine();
            if (needsOpen && engine.state() != ConnectionState.OPEN) {
                return;
            }
            action.accept(engine);
            driver.afterStep();
        });
    }

    /**
     * Whether the caller may drive the engine itself: the connection's context is current and this
     * thread is the one that runs it. The context alone is not enough: inside its
     * {@code executeBlocking} it is current on a worker thread, beside the event loop.
     */
    private boolean onContext() {
        Context current = Vertx.currentContext();
        return current == driver.context() && ((ContextInternal) current).inThread();
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        return ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
    }

    @Override
    public ConnectionState state() {
        return onContext() ? driver.engine().state() : state;
    }

    @Override
    public String subprotocol() {
        return onContext() ? driver.engine().subprotocol() : subprotocol;
    }

    @Override
    public HttpRequest request() {
        return onContext() ? driver.engine().request() : request;
    }

    @Override
    public long pendingOutboundBytes() {
        return pendingOutboundBytes;
    }

    @Override
    public String toString() {
        return "WebSocket[" + state + ", " + driver.context() + "]";
    }
}
