package dev.wskit.transport.netty;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConnection;
import dev.wskit.protocol.frame.ClosePayload;
import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.handshake.HttpRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The {@link WebSocket} of one Netty channel, safe to use from any thread. On the channel's event
 * loop a call goes straight to the engine; from any other thread it is copied and runs there as
 * one task, so frames of concurrent senders never interleave and every send is flushed.
 *
 * <p>From another thread, a send throws {@link IllegalStateException} once the connection is
 * known to be closed; a send that loses a race with a close is dropped, as it could not have been
 * delivered anyway. Bad arguments (a control payload above 125 bytes, a close code that may not
 * be sent) throw at the call site; misuse found only on the event loop (a send before the open)
 * is fired down the pipeline as an exception, since the caller has returned by then.
 */
public final class NettyWebSocket implements WebSocket {
    private final WebSocketChannelHandler driver;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile String subprotocol;
    private volatile HttpRequest request;
    private volatile long pendingOutboundBytes;

    NettyWebSocket(WebSocketChannelHandler driver) {
        this.driver = driver;
    }

    /** The channel this connection runs on. */
    public Channel channel() {
        return driver.context().channel();
    }

    @Override
    public void sendText(CharSequence text) {
        sendText(text, true);
    }

    @Override
    public void sendText(CharSequence text, boolean last) {
        if (inEventLoop()) {
            driver.engine().sendText(text, last);
            driver.afterEngine();
        } else {
            String copy = text.toString();
            hop(engine -> engine.sendText(copy, last));
        }
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        sendBinary(data, true);
    }

    @Override
    public void sendBinary(ByteBuffer data, boolean last) {
        if (inEventLoop()) {
            driver.engine().sendBinary(data, last);
            driver.afterEngine();
        } else {
            ByteBuffer copy = copyOf(data);
            hop(engine -> engine.transferBinary(copy, last));
        }
    }

    @Override
    public void transferBinary(ByteBuffer data, boolean last) {
        if (inEventLoop()) {
            driver.engine().transferBinary(data, last);
            driver.afterEngine();
        } else {
            hop(engine -> engine.transferBinary(data, last));
        }
    }

    /** Sends a whole binary message from Netty's own buffer; see {@link #sendBinary(ByteBuf, boolean)}. */
    public void sendBinary(ByteBuf data) {
        sendBinary(data, true);
    }

    /**
     * Sends one piece of a binary message from Netty's own buffer, without copying it (but for
     * small ones): this call takes over one reference to {@code data} and releases it once the
     * bytes are written, or dropped, or the send is refused — whatever happens, exactly once. The
     * caller must not change the buffer's content meanwhile (a client masks it in place).
     */
    public void sendBinary(ByteBuf data, boolean last) {
        if (inEventLoop()) {
            transfer(driver.engine(), data, last);
            driver.afterEngine();
            return;
        }
        try {
            hop(engine -> transfer(engine, data, last));
        } catch (RuntimeException refused) {
            data.release();
            throw refused;
        }
    }

    private static void transfer(WebSocketConnection engine, ByteBuf data, boolean last) {
        // One NIO view of Netty's memory (a composite buffer is merged into one here).
        engine.transferBinary(data.nioBuffer(), last, data::release);
    }

    @Override
    public void sendPing(ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        if (inEventLoop()) {
            driver.engine().sendPing(payload);
            driver.afterEngine();
        } else {
            ByteBuffer copy = copyOf(payload);
            hop(engine -> engine.sendPing(copy));
        }
    }

    @Override
    public void sendPong(ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        if (inEventLoop()) {
            driver.engine().sendPong(payload);
            driver.afterEngine();
        } else {
            ByteBuffer copy = copyOf(payload);
            hop(engine -> engine.sendPong(copy));
        }
    }

    @Override
    public void close(int code, String reason) {
        ClosePayload.encode(code, reason);
        if (inEventLoop()) {
            driver.engine().close(code, reason);
            driver.afterEngine();
        } else {
            // Closing is allowed in every state (the engine ignores a second close).
            channel().eventLoop().execute(() -> onEventLoop(engine -> engine.close(code, reason)));
        }
    }

    /**
     * Stops delivering events after the current one and stops reading from the peer (RFC 6455
     * says nothing here: this is flow control for the application). Bytes already read are kept.
     */
    @Override
    public void pause() {
        if (inEventLoop()) {
            driver.pause();
        } else {
            channel().eventLoop().execute(driver::pause);
        }
    }

    /** Delivers the kept bytes' events, then reads from the peer again. */
    @Override
    public void resume() {
        if (inEventLoop()) {
            driver.resume();
        } else {
            channel().eventLoop().execute(driver::resume);
        }
    }

    @Override
    public ConnectionState state() {
        return inEventLoop() ? driver.engine().state() : state;
    }

    @Override
    public String subprotocol() {
        return inEventLoop() ? driver.engine().subprotocol() : subprotocol;
    }

    @Override
    public HttpRequest request() {
        return inEventLoop() ? driver.engine().request() : request;
    }

    /** Engine queue plus the channel's unwritten bytes; from another thread, as last seen. */
    @Override
    public long pendingOutboundBytes() {
        return inEventLoop() ? driver.outboundBytes() : pendingOutboundBytes;
    }

    /** Called on the event loop after each engine step, for readers on other threads. */
    void capture(WebSocketConnection engine, long outboundBytes) {
        state = engine.state();
        subprotocol = engine.subprotocol();
        request = engine.request();
        pendingOutboundBytes = outboundBytes;
    }

    /** On the event loop, inside a step: makes the engine's current state visible to other threads now. */
    void publish() {
        capture(driver.engine(), driver.outboundBytes());
    }

    private boolean inEventLoop() {
        return driver.context() != null && channel().eventLoop().inEventLoop();
    }

    private void hop(Consumer<WebSocketConnection> send) {
        // The state seen here may lag behind the event loop, but CLOSED is final.
        if (state == ConnectionState.CLOSED) {
            throw new IllegalStateException("cannot send: the connection is CLOSED");
        }
        channel().eventLoop().execute(() -> onEventLoop(send));
    }

    private void onEventLoop(Consumer<WebSocketConnection> action) {
        WebSocketConnection engine = driver.engine();
        try {
            action.accept(engine);
        } catch (RuntimeException e) {
            ConnectionState now = engine.state();
            if (now == ConnectionState.OPEN || now == ConnectionState.CONNECTING) {
                driver.context().fireExceptionCaught(e);
            }
            // Otherwise the send raced a close and has nowhere to go.
            return;
        }
        driver.afterEngine();
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        return ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
    }
}
