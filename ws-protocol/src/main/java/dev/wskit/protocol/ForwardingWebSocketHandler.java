package dev.wskit.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A handler that passes every event to another, for decorators that act on a few events (a
 * transport completing its connect future on open, say) and leave the rest to the application.
 */
public abstract class ForwardingWebSocketHandler implements WebSocketHandler {
    private final WebSocketHandler delegate;

    /**
     * A handler passing every event it does not override to {@code delegate}.
     *
     * @param delegate the handler receiving every event not overridden; not {@code null}
     */
    protected ForwardingWebSocketHandler(WebSocketHandler delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void onOpen(WebSocket socket) {
        delegate.onOpen(socket);
    }

    @Override
    public void onText(WebSocket socket, String text) {
        delegate.onText(socket, text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        delegate.onBinary(socket, data);
    }

    @Override
    public void onTextFragment(WebSocket socket, ByteBuffer utf8, boolean last) {
        delegate.onTextFragment(socket, utf8, last);
    }

    @Override
    public void onBinaryFragment(WebSocket socket, ByteBuffer data, boolean last) {
        delegate.onBinaryFragment(socket, data, last);
    }

    @Override
    public void onPing(WebSocket socket, ByteBuffer payload) {
        delegate.onPing(socket, payload);
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer payload) {
        delegate.onPong(socket, payload);
    }

    @Override
    public void onDrain(WebSocket socket) {
        delegate.onDrain(socket);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        delegate.onClose(socket, code, reason);
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        delegate.onError(socket, error);
    }
}
