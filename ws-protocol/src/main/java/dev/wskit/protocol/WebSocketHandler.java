package dev.wskit.protocol;

import java.nio.ByteBuffer;

/**
 * What the application does with a connection's events. Every method has an empty default, so
 * a handler implements only what it needs.
 *
 * <p>Threading: a transport calls a connection's handler from one thread at a time, in the
 * order events arrived. Buffer lifetime: a {@link ByteBuffer} passed in is a view valid only
 * during the call; copy what must outlive it.
 */
public interface WebSocketHandler {

    /** The opening handshake succeeded; sends are allowed from now on. */
    default void onOpen(WebSocket socket) {
    }

    /** A whole text message (with {@link MessageDelivery#WHOLE}). */
    default void onText(WebSocket socket, String text) {
    }

    /** A whole binary message (with {@link MessageDelivery#WHOLE}); the buffer is a view valid during the call. */
    default void onBinary(WebSocket socket, ByteBuffer data) {
    }

    /**
     * A piece of a text message (with {@link MessageDelivery#FRAGMENTS}): UTF-8 bytes valid so far;
     * {@code last} marks the end of the message, where the text is known to be complete.
     */
    default void onTextFragment(WebSocket socket, ByteBuffer utf8, boolean last) {
    }

    /** A piece of a binary message (with {@link MessageDelivery#FRAGMENTS}). */
    default void onBinaryFragment(WebSocket socket, ByteBuffer data, boolean last) {
    }

    /** A ping arrived; when auto-pong is on (the default) the pong is already queued. */
    default void onPing(WebSocket socket, ByteBuffer payload) {
    }

    /** A pong arrived, solicited or not (RFC 6455 §5.5.3: an unsolicited pong is not an error). */
    default void onPong(WebSocket socket, ByteBuffer payload) {
    }

    /**
     * The bytes this connection holds unwritten passed {@link WebSocketConfig#outboundHighWaterMark()}
     * and have fallen back to {@link WebSocketConfig#outboundLowWaterMark()}: a producer that
     * stopped when {@link WebSocket#pendingOutboundBytes()} grew may send again (as Vert.x's
     * {@code drainHandler} and Netty's channel writability).
     */
    default void onDrain(WebSocket socket) {
    }

    /**
     * The connection is closed, called exactly once. {@code code} is the peer's close code
     * ({@link CloseCode#NO_STATUS_RECEIVED} when its close frame had none), the code we sent
     * when we failed the connection, or {@link CloseCode#ABNORMAL_CLOSURE} when it ended
     * without a closing handshake.
     */
    default void onClose(WebSocket socket, int code, String reason) {
    }

    /**
     * The peer broke a rule, or something failed locally; {@link WebSocketException#violation()}
     * says which and {@link WebSocketException#closeCode()} what was sent. {@link #onClose}
     * follows.
     */
    default void onError(WebSocket socket, WebSocketException error) {
    }
}
