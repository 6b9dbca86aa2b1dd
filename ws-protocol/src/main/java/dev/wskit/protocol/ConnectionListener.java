package dev.wskit.protocol;

/**
 * Watches connections: what the shared lifecycle of every transport tells about each one, from its
 * opening handshake to the TCP close. Every method has a no-op default, so a listener overrides
 * only what it wants. Set on a server or client builder ({@code listener(...)}).
 *
 * <p>Called on the connection's owner (an event loop, a context, the holder of a lock), in the
 * order the events happen, inside the engine's step: a listener must return quickly and must not
 * block. One listener hears many connections at once, from many threads, so it is thread-safe.
 *
 * <p>A listener watches and cannot change a connection: a {@link RuntimeException} it throws is
 * caught where it is called and dropped, and the connection goes on exactly as without it.
 */
public interface ConnectionListener {
    /** Hears nothing: the listener of a connection nobody watches. */
    ConnectionListener NONE = new ConnectionListener() { };

    /**
     * The opening handshake succeeded, before the handler's {@code onOpen}.
     *
     * @param connection which connection, by transport, role and peer
     * @param subprotocol the subprotocol agreed, or {@code null} for none (RFC 6455 §4.2.2 item 5.4)
     * @param extensions the {@code Sec-WebSocket-Extensions} agreed, or {@code null} for none
     *     (RFC 6455 §9.1)
     */
    default void opened(ConnectionInfo connection, String subprotocol, String extensions) {
    }

    /**
     * The opening handshake failed. On a server: the request broke a rule of RFC 6455 §4.2.1
     * ({@code violation}, answered with {@code status}), or the application's upgrade decision
     * rejected it ({@code violation} {@code null}, {@code status} the decision's). On a client:
     * the server refused the upgrade ({@code status} the server's, {@code violation}
     * {@link ProtocolViolation#STATUS_NOT_101}), its {@code 101} was not valid, or no answer came
     * ({@code status} 0 for both). Such a
     * connection never opened, so no {@link #closed} follows.
     *
     * @param connection which connection, by transport, role and peer
     * @param status the HTTP status the request was answered with (server) or the server answered
     *     with (client); 0 when no status was sent or received
     * @param violation the rule that was broken, or {@code null} when the application's upgrade
     *     decision refused a valid request
     */
    default void handshakeRejected(ConnectionInfo connection, int status, ProtocolViolation violation) {
    }

    /**
     * The open connection failed on a broken rule, closed with {@link ProtocolViolation#closeCode()}
     * ({@code 1006}: dropped without a close frame). The peer's violations (a bad frame:
     * {@code 1002}) come here, and so do the endpoint's own reasons:
     * {@link ProtocolViolation#KEEPALIVE_TIMEOUT}, {@link ProtocolViolation#MEMORY_BUDGET_EXCEEDED}
     * (the server's memory budget shed the connection), {@link ProtocolViolation#OUTBOUND_LIMIT_EXCEEDED},
     * the close and message timeouts, and {@link ProtocolViolation#INTERNAL_ERROR} (a handler threw).
     * {@link #closed} follows once TCP is closed.
     *
     * @param connection which connection, by transport, role and peer
     * @param violation the rule broken or the local reason; never a handshake rule
     */
    default void violation(ConnectionInfo connection, ProtocolViolation violation) {
    }

    /**
     * Flow control changed: the peer does not read what is sent fast enough (see
     * {@link Backpressure}). {@code unwrittenBytes} is what the connection held unwritten then.
     *
     * @param connection which connection, by transport, role and peer
     * @param backpressure the new state of flow control
     * @param unwrittenBytes the bytes the connection held unwritten at the change (the engine's
     *     queue and the transport's), at least 0
     */
    default void backpressure(ConnectionInfo connection, Backpressure backpressure, long unwrittenBytes) {
    }

    /**
     * A pong answered a measuring ping (a keepalive ping, or {@link WebSocket#ping()}): the round
     * trip it took, and the smoothed value after it. What a metrics binding records as the
     * connection's latency; {@link WebSocket#roundTrip()} reads the same values.
     *
     * @param connection which connection, by transport, role and peer
     * @param roundTrip the latest and the smoothed round-trip time
     */
    default void roundTrip(ConnectionInfo connection, RoundTrip roundTrip) {
    }

    /**
     * A data message is complete: received ({@link Direction#IN}, once its last frame arrived,
     * RFC 6455 §5.4), or sent ({@link Direction#OUT}, once its last piece was queued).
     * {@code payloadBytes} is its size as the application sees it: text as UTF-8, the frames of a
     * fragmented message or the pieces of one sent in parts added up, and a compressed message
     * measured after inflation or before deflation (RFC 7692 §6). Control frames are not messages.
     *
     * <p>Called for every message, the listener's hottest path: a listener that has no use for it
     * says so with {@link #hearsMessages()}.
     *
     * @param connection which connection, by transport, role and peer
     * @param direction {@link Direction#IN} for a received message, {@link Direction#OUT} for a
     *     sent one
     * @param payloadBytes the message's application payload in bytes, at least 0
     */
    default void message(ConnectionInfo connection, Direction direction, long payloadBytes) {
    }

    /**
     * Whether {@link #message} is to be called, asked once per connection when the listener is set.
     * A listener that ignores messages answers {@code false}: its connections then pay one branch per
     * message, as with no listener at all.
     *
     * @return {@code true} (the default) to be told of every message, {@code false} to never be
     */
    default boolean hearsMessages() {
        return true;
    }

    /**
     * An open connection's TCP connection is closed: how it ended, how long it lasted, what it
     * carried.
     *
     * @param connection which connection, by transport, role and peer
     * @param summary the close codes, duration and byte counts of the connection
     */
    default void closed(ConnectionInfo connection, CloseSummary summary) {
    }
}
