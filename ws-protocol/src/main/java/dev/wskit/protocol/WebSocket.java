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

    /** Sends a whole text message. */
    default boolean sendText(CharSequence text) {
        return sendText(text, true);
    }

    /** Sends a whole binary message; {@code data} is read from its position to its limit and not kept. */
    default boolean sendBinary(ByteBuffer data) {
        return sendBinary(data, true);
    }

    /**
     * Sends one piece of a text message; {@code last} ends the message (RFC 6455 §5.4). The
     * piece must hold whole characters.
     */
    boolean sendText(CharSequence text, boolean last);

    /** Sends one piece of a binary message; {@code last} ends the message (RFC 6455 §5.4). */
    boolean sendBinary(ByteBuffer data, boolean last);

    /**
     * Sends a whole binary message without copying it: {@code data}, from its position to its
     * limit, is handed over and written as it is. The caller gives the buffer up: it must not
     * touch it afterwards (a client masks it in place, RFC 6455 §5.3). For large payloads built
     * for this one send; small ones are copied anyway, as that is cheaper.
     */
    default boolean transferBinary(ByteBuffer data) {
        return transferBinary(data, true);
    }

    /** One piece of a binary message, handed over as {@link #transferBinary(ByteBuffer)} says. */
    boolean transferBinary(ByteBuffer data, boolean last);

    /** Sends a ping of at most 125 bytes (RFC 6455 §5.5.2). */
    boolean sendPing(ByteBuffer payload);

    /**
     * Sends a ping whose pong measures the round-trip time (RFC 6455 §5.5.2, §5.5.3), read with
     * {@link #roundTrip()} once the pong is back. The keepalive pings measure it the same way; a
     * pong to an earlier ping no longer counts once this one is sent.
     */
    boolean ping();

    /**
     * The round-trip time the last answered measuring ping took ({@link #ping()}, or a keepalive
     * ping) and its smoothed value; empty until a pong answered one. Off the connection's thread,
     * the value last published, as for {@link #state()}.
     */
    Optional<RoundTrip> roundTrip();

    /** Sends an unsolicited pong of at most 125 bytes (RFC 6455 §5.5.3). */
    boolean sendPong(ByteBuffer payload);

    /**
     * Starts the closing handshake (RFC 6455 §7.1.2). Does nothing when a close was already
     * sent. {@code code} must be valid on the wire, {@code reason} at most 123 UTF-8 bytes.
     */
    void close(int code, String reason);

    /** Closes with {@link CloseCode#NORMAL_CLOSURE} and no reason. */
    default void close() {
        close(CloseCode.NORMAL_CLOSURE, "");
    }

    /** Where the connection is in its life. */
    ConnectionState state();

    /** The subprotocol both ends agreed on, or {@code null} for none. */
    String subprotocol();

    /**
     * The opening request: its path and headers (on the server, the client's request; on the
     * client, our own request).
     */
    HttpRequest request();

    /**
     * The server's {@code 101 Switching Protocols} as a client received it: status, header fields
     * (the subprotocol and extensions agreed among them, RFC 6455 §4.1). Empty on a server, which
     * keeps no copy of the answer it sent so that an open connection stays small, and before the open.
     */
    Optional<HttpResponse> handshakeResponse();

    /** The peer's address, or {@code null} where no socket carries the connection (an engine alone). */
    SocketAddress remoteAddress();

    /** Our end's address, or {@code null} where no socket carries the connection. */
    SocketAddress localAddress();

    /** The TLS session of a {@code wss} connection (the peer's certificates under mutual TLS); empty on plain TCP. */
    Optional<SSLSession> tlsSession();

    /**
     * What the server's upgrade decision attached to this connection (the authenticated user, say;
     * see {@code UpgradeDecision.withAttribute}); empty on a client and when nothing was attached.
     */
    Map<String, Object> attributes();

    /**
     * Stops delivering events after the current one: the transport stops reading from this peer
     * (TCP backpressure) until {@link #resume()}. For an application that cannot keep up.
     */
    void pause();

    /** Delivers events again after {@link #pause()}, starting with the bytes kept meanwhile. */
    void resume();

    /** Bytes queued for the wire and not yet written: what backpressure is measured in. */
    long pendingOutboundBytes();
}
