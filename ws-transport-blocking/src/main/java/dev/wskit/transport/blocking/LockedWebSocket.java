package dev.wskit.transport.blocking;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConnection;
import dev.wskit.protocol.frame.ClosePayload;
import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.handshake.HttpRequest;
import java.nio.ByteBuffer;

/**
 * The {@link WebSocket} handlers receive and clients get back: the engine behind the connection's
 * lock, so any thread may call it. A send returns once its frame is written to the socket (or, from
 * inside a handler callback, once the callback's caller has written it right after; or, from a
 * callback of another connection, once it is handed to this connection without waiting); frames
 * of concurrent senders never interleave. A send blocks while the peer does not read, at most for the
 * write timeout, after which the connection is dropped.
 */
final class LockedWebSocket implements WebSocket {
    private final BlockingConnection connection;
    private final WebSocketConnection engine;

    LockedWebSocket(BlockingConnection connection, WebSocketConnection engine) {
        this.connection = connection;
        this.engine = engine;
    }

    @Override
    public void sendText(CharSequence text) {
        sendText(text, true);
    }

    @Override
    public void sendText(CharSequence text, boolean last) {
        String copy = text.toString();
        connection.send(engine -> engine.sendText(copy, last), 3L * copy.length());
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        sendBinary(data, true);
    }

    @Override
    public void sendBinary(ByteBuffer data, boolean last) {
        if (connection.willHandOff()) {
            // Copied once here, then handed over: the engine need not copy it again.
            ByteBuffer copy = copyOf(data);
            connection.send(engine -> engine.transferBinary(copy, last), copy.remaining());
        } else {
            connection.send(engine -> engine.sendBinary(data, last), data.remaining());
        }
    }

    @Override
    public void transferBinary(ByteBuffer data, boolean last) {
        connection.send(engine -> engine.transferBinary(data, last), data.remaining());
    }

    @Override
    public void sendPing(ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        ByteBuffer ping = outliving(payload);
        connection.send(engine -> engine.sendPing(ping), ping.remaining());
    }

    @Override
    public void sendPong(ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        ByteBuffer pong = outliving(payload);
        connection.send(engine -> engine.sendPong(pong), pong.remaining());
    }

    @Override
    public void close(int code, String reason) {
        ClosePayload.encode(code, reason);
        connection.send(engine -> engine.close(code, reason), 0);
    }

    /**
     * The data as the send will read it: a send handed off to this connection's lock holder runs
     * after the caller returned, when a buffer it passed (a view of its own read buffer, say) may
     * hold other bytes; that one gets a copy.
     */
    private ByteBuffer outliving(ByteBuffer data) {
        return connection.willHandOff() ? copyOf(data) : data;
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        return ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
    }

    @Override
    public void pause() {
        connection.enter();
        try {
            engine.pause();
        } finally {
            connection.leave();
        }
    }

    @Override
    public void resume() {
        connection.resume();
    }

    @Override
    public ConnectionState state() {
        connection.enter();
        try {
            return engine.state();
        } finally {
            connection.leave();
        }
    }

    @Override
    public String subprotocol() {
        connection.enter();
        try {
            return engine.subprotocol();
        } finally {
            connection.leave();
        }
    }

    @Override
    public HttpRequest request() {
        connection.enter();
        try {
            return engine.request();
        } finally {
            connection.leave();
        }
    }

    @Override
    public long pendingOutboundBytes() {
        connection.enter();
        try {
            return engine.pendingOutboundBytes();
        } finally {
            connection.leave();
        }
    }
}
