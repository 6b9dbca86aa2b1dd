package dev.wskit.transport.blocking;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConnection;
import dev.wskit.protocol.handshake.HttpRequest;
import java.nio.ByteBuffer;

/**
 * The {@link WebSocket} handlers receive and clients get back: the engine behind the connection's
 * lock, so any thread may call it. A send returns once its frame is written to the socket (or, from
 * inside a handler callback, once the callback's caller has written it right after); frames of
 * concurrent senders never interleave. A send blocks while the peer does not read, at most for the
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
        connection.enter();
        try {
            engine.sendText(text, last);
        } finally {
            connection.leaveAndWrite();
        }
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        sendBinary(data, true);
    }

    @Override
    public void sendBinary(ByteBuffer data, boolean last) {
        connection.enter();
        try {
            engine.sendBinary(data, last);
        } finally {
            connection.leaveAndWrite();
        }
    }

    @Override
    public void sendPing(ByteBuffer payload) {
        connection.enter();
        try {
            engine.sendPing(payload);
        } finally {
            connection.leaveAndWrite();
        }
    }

    @Override
    public void sendPong(ByteBuffer payload) {
        connection.enter();
        try {
            engine.sendPong(payload);
        } finally {
            connection.leaveAndWrite();
        }
    }

    @Override
    public void close(int code, String reason) {
        connection.enter();
        try {
            engine.close(code, reason);
        } finally {
            connection.leaveAndWrite();
        }
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
