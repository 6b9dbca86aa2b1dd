package dev.wskit.protocol;

import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import java.nio.ByteBuffer;

/**
 * One WebSocket connection as the application sees it, the same on every transport. Sends only
 * queue frames: the transport writes them.
 *
 * <p>Every send returns {@code true} when it was queued and {@code false} when it was refused
 * because the connection is closing or closed: the peer's close races every send, so this is no
 * error and never throws. A send before the open, a bad argument (a control payload above 125
 * bytes, a close code that may not be sent, text that is not well-formed UTF-16) throws at the call
 * site. Every transport's socket may be called from any thread; state reads never block.
 */
public interface WebSocket {

    /**
     * Sends a whole text message.
     *
     * @param text the whole message; must be well-formed UTF-16 (an unpaired surrogate throws
     *     {@link IllegalArgumentException}), as a text message must be valid UTF-8 (RFC 6455 §5.6)
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed
     */
    default boolean sendText(CharSequence text) {
        return sendText(text, true);
    }

    /**
     * Sends a whole binary message; {@code data} is read from its position to its limit and not
     * kept.
     *
     * @param data the message's bytes, from position to limit; copied, so the caller may reuse the
     *     buffer
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed
     */
    default boolean sendBinary(ByteBuffer data) {
        return sendBinary(data, true);
    }

    /**
     * Sends one piece of a text message; {@code last} ends the message (RFC 6455 §5.4). The
     * piece must hold whole characters.
     *
     * @param text this piece of the message's text; a surrogate without its other half throws
     *     {@link IllegalArgumentException}
     * @param last {@code true} when this piece ends the message (the frame's FIN bit)
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed
     */
    boolean sendText(CharSequence text, boolean last);

    /**
     * Sends one piece of a binary message; {@code last} ends the message (RFC 6455 §5.4).
     *
     * @param data this piece's bytes, from position to limit; copied
     * @param last {@code true} when this piece ends the message (the frame's FIN bit)
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed
     */
    boolean sendBinary(ByteBuffer data, boolean last);

    /**
     * Sends a whole binary message without copying it: {@code data}, from its position to its
     * limit, is handed over and written as it is. The caller gives the buffer up: it must not
     * touch it afterwards (a client masks it in place, RFC 6455 §5.3). For large payloads built
     * for this one send; small ones are copied anyway, as that is cheaper.
     *
     * @param data the message's bytes, from position to limit; owned by the connection from this
     *     call on
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed (the buffer is given up either way)
     */
    default boolean transferBinary(ByteBuffer data) {
        return transferBinary(data, true);
    }

    /**
     * One piece of a binary message, handed over as {@link #transferBinary(ByteBuffer)} says.
     *
     * @param data this piece's bytes, from position to limit; owned by the connection from this
     *     call on
     * @param last {@code true} when this piece ends the message (the frame's FIN bit)
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed (the buffer is given up either way)
     */
    boolean transferBinary(ByteBuffer data, boolean last);

    /**
     * Sends a ping of at most 125 bytes (RFC 6455 §5.5.2).
     *
     * @param payload the application data, from position to limit; at most 125 bytes (a control
     *     frame's limit, RFC 6455 §5.5), or {@link IllegalArgumentException}
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed
     */
    boolean sendPing(ByteBuffer payload);

    /**
     * Sends a ping whose pong measures the round-trip time (RFC 6455 §5.5.2, §5.5.3), read with
     * {@link #roundTrip()} once the pong is back. The keepalive pings measure it the same way; a
     * pong to an earlier ping no longer counts once this one is sent.
     *
     * @return {@code true} when the ping was queued, {@code false} when refused because the
     *     connection is closing or closed
     */
    boolean ping();

    /**
     * The round-trip time the last answered measuring ping took ({@link #ping()}, or a keepalive
     * ping) and its smoothed value; empty until a pong answered one. Off the connection's thread,
     * the value last published, as for {@link #state()}.
     *
     * @return the last measurement, or empty when no measuring ping has been answered yet
     */
    Optional<RoundTrip> roundTrip();

    /**
     * Sends an unsolicited pong of at most 125 bytes (RFC 6455 §5.5.3).
     *
     * @param payload the application data, from position to limit; at most 125 bytes (RFC 6455
     *     §5.5), or {@link IllegalArgumentException}
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed
     */
    boolean sendPong(ByteBuffer payload);

    /**
     * Starts the closing handshake (RFC 6455 §7.1.2). Does nothing when a close was already
     * sent. {@code code} must be valid on the wire, {@code reason} at most 123 UTF-8 bytes.
     *
     * @param code the status code: one that {@link CloseCode#isValidOnWire(int)} accepts (1000 to
     *     1003, 1007 to 1014, 3000 to 4999; RFC 6455 §7.4); any other throws
     *     {@link IllegalArgumentException}
     * @param reason why, for the peer to log; not {@code null} (use {@code ""} for none), at most
     *     123 bytes once UTF-8 encoded so the close payload fits in 125 (RFC 6455 §5.5.1)
     */
    void close(int code, String reason);

    /** Closes with {@link CloseCode#NORMAL_CLOSURE} and no reason. */
    default void close() {
        close(CloseCode.NORMAL_CLOSURE, "");
    }

    /**
     * Where the connection is in its life.
     *
     * @return the current state, never {@code null}
     */
    ConnectionState state();

    /**
     * The subprotocol both ends agreed on, or {@code null} for none.
     *
     * @return the agreed subprotocol ({@code Sec-WebSocket-Protocol}, RFC 6455 §4.2.2), or
     *     {@code null}
     */
    String subprotocol();

    /**
     * The opening request: its path and headers (on the server, the client's request; on the
     * client, our own request).
     *
     * @return the opening request, never {@code null} once the connection is open
     */
    HttpRequest request();

    /**
     * The server's {@code 101 Switching Protocols} as a client received it: status, header fields
     * (the subprotocol and extensions agreed among them, RFC 6455 §4.1). Empty on a server, which
     * keeps no copy of the answer it sent so that an open connection stays small, and before the open.
     *
     * @return the server's response on a client once open; empty on a server and before the open
     */
    Optional<HttpResponse> handshakeResponse();

    /**
     * The peer's address, or {@code null} where no socket carries the connection (an engine alone).
     *
     * @return the remote socket address, or {@code null} without a socket
     */
    SocketAddress remoteAddress();

    /**
     * Our end's address, or {@code null} where no socket carries the connection.
     *
     * @return the local socket address, or {@code null} without a socket
     */
    SocketAddress localAddress();

    /**
     * The TLS session of a {@code wss} connection (the peer's certificates under mutual TLS); empty
     * on plain TCP.
     *
     * @return the TLS session, or empty when the connection is not over TLS
     */
    Optional<SSLSession> tlsSession();

    /**
     * What the server's upgrade decision attached to this connection (the authenticated user, say;
     * see {@code UpgradeDecision.withAttribute}); empty on a client and when nothing was attached.
     *
     * @return the attributes, an unmodifiable map; empty when there are none
     */
    Map<String, Object> attributes();

    /**
     * Stops delivering events after the current one: the transport stops reading from this peer
     * (TCP backpressure) until {@link #resume()}. For an application that cannot keep up.
     */
    void pause();

    /** Delivers events again after {@link #pause()}, starting with the bytes kept meanwhile. */
    void resume();

    /**
     * Bytes queued for the wire and not yet written: what backpressure is measured in.
     *
     * @return the number of bytes queued and not yet written, at least 0
     */
    long pendingOutboundBytes();
}
