package dev.wskit.testkit.kit;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;

/**
 * Our handler on either side of a connection, recording every event as {@link Events} says;
 * echoing ones send each message straight back. Made by {@link Kit}, which fails the test if an
 * event is left unchecked.
 */
public final class Recorder extends Events implements WebSocketHandler {
    private final boolean echo;
    private volatile WebSocket socket;

    Recorder(String owner, boolean echo) {
        super(owner);
        this.echo = echo;
    }

    /** The connection, once open. */
    public WebSocket socket() {
        if (socket == null) {
            throw new AssertionError(owner() + " never opened");
        }
        return socket;
    }

    @Override
    public void onOpen(WebSocket socket) {
        this.socket = socket;
        note("open");
    }

    @Override
    public void onText(WebSocket socket, String text) {
        message(text);
        if (echo) {
            socket.sendText(text);
        }
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        message(copy);
        if (echo) {
            socket.sendBinary(data);
        }
    }

    @Override
    public void onPing(WebSocket socket, ByteBuffer payload) {
        note("ping:" + utf8(payload));
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer payload) {
        note("pong:" + utf8(payload));
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        note("error:" + error.violation());
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        note("close:" + code + ":" + reason);
    }
}
