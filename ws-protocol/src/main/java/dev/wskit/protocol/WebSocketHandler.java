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

    /**
     * The opening handshake succeeded; sends are allowed from now on.
     *
     * @param socket the open connection, on which sends are allowed from now on
     */
    default void onOpen(WebSocket socket) {
    }

    /**
     * A whole text message (with {@link MessageDelivery#WHOLE}).
     *
     * @param socket the connection it came on
     * @param text the message, decoded from UTF-8 that was checked valid (RFC 6455 §8.1)
     */
    default void onText(WebSocket socket, String text) {
    }

    /**
     * A whole binary message (with {@link MessageDelivery#WHOLE}); the buffer is a view valid
     * during the call.
     *
     * @param socket the connection it came on
     * @param data the message's bytes from position to limit; valid only during the call, so copy
     *     what must outlive it
     */
    default void onBinary(WebSocket socket, ByteBuffer data) {
    }

    /**
     * A piece of a text message (with {@link MessageDelivery#FRAGMENTS}): UTF-8 bytes valid so far;
     * {@code last} marks the end of the message, where the text is known to be complete.
     *
     * @param socket the connection it came on
     * @param utf8 this piece's bytes, valid UTF-8 so far (a character may continue in the next
     *     piece); valid only during the call
     * @param last {@code true} for the message's last piece (its final frame, RFC 6455 §5.4)
     */
    default void onTextFragment(WebSocket socket, ByteBuffer utf8, boolean last) {
    }

    /**
     * A piece of a binary message (with {@link MessageDelivery#FRAGMENTS}).
     *
     * @param socket the connection it came on
     * @param data this piece's bytes, valid only during the call
     * @param last {@code true} for the message's last piece (its final frame, RFC 6455 §5.4)
     */
    default void onBinaryFragment(WebSocket socket, ByteBuffer data, boolean last) {
    }

    /**
     * A ping arrived; when auto-pong is on (the default) the pong is already queued.
     *
     * @param socket the connection it came on
     * @param payload the ping's application data, at most 125 bytes (RFC 6455 §5.5); valid only
     *     during the call
     */
    default void onPing(WebSocket socket, ByteBuffer payload) {
    }

    /**
     * A pong arrived, solicited or not (RFC 6455 §5.5.3: an unsolicited pong is not an error).
     *
     * @param socket the connection it came on
     * @param payload the pong's application data, at most 125 bytes; valid only during the call
     */
    default void onPong(WebSocket socket, ByteBuffer payload) {
    }

    /**
     * The bytes this connection holds unwritten passed {@link WebSocketConfig#outboundHighWaterMark()}
     * and have fallen back to {@link WebSocketConfig#outboundLowWaterMark()}: a producer that
     * stopped when {@link WebSocket#pendingOutboundBytes()} grew may send again (as Vert.x's
     * {@code drainHandler} and Netty's channel writability).
     *
     * @param socket the connection that drained
     */
    default void onDrain(WebSocket socket) {
    }

    /**
     * The connection is closed, called exactly once. {@code code} is the peer's close code
     * ({@link CloseCode#NO_STATUS_RECEIVED} when its close frame had none), the code we sent
     * when we failed the connection, or {@link CloseCode#ABNORMAL_CLOSURE} when it ended
     * without a closing handshake.
     *
     * @param socket the closed connection
     * @param code the close code, as above (RFC 6455 §7.1.5, §7.4)
     * @param reason the peer's close reason, or the one we sent; {@code ""} when none (RFC 6455
     *     §7.1.6)
     */
    default void onClose(WebSocket socket, int code, String reason) {
    }

    /**
     * The peer broke a rule, or something failed locally; {@link WebSocketException#violation()}
     * says which and {@link WebSocketException#closeCode()} what was sent. {@link #onClose}
     * follows.
     *
     * @param socket the connection that failed
     * @param error the violation, with what broke it
     */
    default void onError(WebSocket socket, WebSocketException error) {
    }
}
