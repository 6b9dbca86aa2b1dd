package dev.wskit.protocol;

import static dev.wskit.protocol.ProtocolViolation.Phase.CONNECTION;
import static dev.wskit.protocol.ProtocolViolation.Phase.HANDSHAKE;

/**
 * Every rule a peer can break, with the answer it gets and where the rule comes from. Handshake
 * violations carry the HTTP status of the rejection; frame and message violations carry the close
 * code of the close frame sent back. This enum is also the index of the rules the engine enforces.
 */
public enum ProtocolViolation {
    // Opening handshake, server side (RFC 6455 §4.2.1, §4.2.2).
    /** Malformed HTTP request (RFC 6455 §4.2.1, RFC 9112 §3). */
    MALFORMED_REQUEST(HANDSHAKE, 400, "RFC 6455 §4.2.1, RFC 9112 §3", "malformed HTTP request"),
    /** Request header fields too large (RFC 6585 §5). */
    REQUEST_HEADER_TOO_LARGE(HANDSHAKE, 431, "RFC 6585 §5", "request header fields too large"),
    /** The upgrade request must be GET (RFC 6455 §4.2.1 item 1). */
    METHOD_NOT_GET(HANDSHAKE, 405, "RFC 6455 §4.2.1 item 1", "the upgrade request must be GET"),
    /** HTTP/1.1 or later is required (RFC 6455 §4.2.1 item 1). */
    HTTP_VERSION_TOO_OLD(HANDSHAKE, 400, "RFC 6455 §4.2.1 item 1", "HTTP/1.1 or later is required"),
    /** An upgrade request carries no body (RFC 6455 §4.1 item 1, RFC 9110 §9.3.1). */
    UPGRADE_WITH_BODY(HANDSHAKE, 400, "RFC 6455 §4.1 item 1, RFC 9110 §9.3.1", "an upgrade request carries no body"),
    /** Missing Host header (RFC 6455 §4.2.1 item 2). */
    MISSING_HOST(HANDSHAKE, 400, "RFC 6455 §4.2.1 item 2", "missing Host header"),
    /** Upgrade: websocket is required (RFC 6455 §4.2.1 item 3). */
    MISSING_UPGRADE_WEBSOCKET(HANDSHAKE, 426, "RFC 6455 §4.2.1 item 3", "Upgrade: websocket is required"),
    /** Connection: Upgrade is required (RFC 6455 §4.2.1 item 4). */
    MISSING_CONNECTION_UPGRADE(HANDSHAKE, 400, "RFC 6455 §4.2.1 item 4", "Connection: Upgrade is required"),
    /** Sec-WebSocket-Key must be base64 of 16 bytes (RFC 6455 §4.2.1 item 5). */
    INVALID_KEY(HANDSHAKE, 400, "RFC 6455 §4.2.1 item 5", "Sec-WebSocket-Key must be base64 of 16 bytes"),
    /** Sec-WebSocket-Version must be 13 (RFC 6455 §4.2.2 item 4). */
    UNSUPPORTED_VERSION(HANDSHAKE, 426, "RFC 6455 §4.2.2 item 4", "Sec-WebSocket-Version must be 13"),
    /** Malformed Sec-WebSocket-Extensions (RFC 6455 §9.1). */
    MALFORMED_EXTENSIONS(HANDSHAKE, 400, "RFC 6455 §9.1", "malformed Sec-WebSocket-Extensions"),
    /** Origin not allowed (RFC 6455 §4.2.2 item 3.3). */
    ORIGIN_REJECTED(HANDSHAKE, 403, "RFC 6455 §4.2.2 item 3.3", "origin not allowed"),
    // Opening handshake over HTTP/2, server side (RFC 8441 §4, §5).
    /** A CONNECT to a WebSocket needs the :protocol pseudo-header (RFC 8441 §4). */
    CONNECT_WITHOUT_PROTOCOL(HANDSHAKE, 400, "RFC 8441 §4", "a CONNECT to a WebSocket needs :protocol"),
    /** The :protocol pseudo-header must be websocket (RFC 8441 §5). */
    UNSUPPORTED_PROTOCOL(HANDSHAKE, 400, "RFC 8441 §5", ":protocol must be websocket"),
    /** An extended CONNECT needs :scheme, :path and :authority (RFC 8441 §4, RFC 9113 §8.3.1). */
    INCOMPLETE_EXTENDED_CONNECT(HANDSHAKE, 400, "RFC 8441 §4, RFC 9113 §8.3.1",
            "an extended CONNECT needs :scheme, :path and :authority"),
    // A plain request's body, read for the application's HTTP handler (RFC 9112 §6).
    /** Invalid Content-Length (RFC 9112 §6.3 item 5). */
    INVALID_CONTENT_LENGTH(HANDSHAKE, 400, "RFC 9112 §6.3 item 5", "invalid Content-Length"),
    /** A request body needs a Content-Length (RFC 9110 §15.5.12). */
    LENGTH_REQUIRED(HANDSHAKE, 411, "RFC 9110 §15.5.12", "a request body needs a Content-Length"),
    /** Request body above the configured limit (RFC 9110 §15.5.14). */
    REQUEST_BODY_TOO_LARGE(HANDSHAKE, 413, "RFC 9110 §15.5.14", "request body above the configured limit"),
    // The application's upgrade decision (an UpgradeDecider) failed or never came.
    /** The upgrade decision failed (RFC 9110 §15.6.1). */
    UPGRADE_DECISION_FAILED(HANDSHAKE, 500, "RFC 9110 §15.6.1", "the upgrade decision failed"),
    /** The upgrade decision did not come in time (RFC 9110 §15.6.4). */
    UPGRADE_DECISION_TIMEOUT(HANDSHAKE, 503, "RFC 9110 §15.6.4", "the upgrade decision did not come in time"),

    // Opening handshake, client side (RFC 6455 §4.1); no HTTP status is sent for these.
    /** The opening handshake did not complete in time (RFC 6455 §4.1, §4.2). */
    HANDSHAKE_TIMEOUT(HANDSHAKE, 0, "RFC 6455 §4.1, §4.2", "the opening handshake did not complete in time"),
    /** The connection ended before the opening handshake completed (RFC 6455 §4.1). */
    HANDSHAKE_INCOMPLETE(HANDSHAKE, 0, "RFC 6455 §4.1", "the connection ended before the opening handshake completed"),
    /** Malformed HTTP response (RFC 6455 §4.1, RFC 9112 §4). */
    MALFORMED_RESPONSE(HANDSHAKE, 0, "RFC 6455 §4.1, RFC 9112 §4", "malformed HTTP response"),
    /** Response header fields too large (RFC 6455 §4.1). */
    RESPONSE_HEADER_TOO_LARGE(HANDSHAKE, 0, "RFC 6455 §4.1", "response header fields too large"),
    /** The server did not answer 101 Switching Protocols (RFC 6455 §4.1 item 1). */
    STATUS_NOT_101(HANDSHAKE, 0, "RFC 6455 §4.1 item 1", "the server did not answer 101 Switching Protocols"),
    /** The response lacks Upgrade: websocket (RFC 6455 §4.1 item 2). */
    RESPONSE_MISSING_UPGRADE(HANDSHAKE, 0, "RFC 6455 §4.1 item 2", "the response lacks Upgrade: websocket"),
    /** The response lacks Connection: Upgrade (RFC 6455 §4.1 item 3). */
    RESPONSE_MISSING_CONNECTION(HANDSHAKE, 0, "RFC 6455 §4.1 item 3", "the response lacks Connection: Upgrade"),
    /** Sec-WebSocket-Accept does not match the key (RFC 6455 §4.1 item 4). */
    WRONG_ACCEPT(HANDSHAKE, 0, "RFC 6455 §4.1 item 4", "Sec-WebSocket-Accept does not match the key"),
    /** The server chose an extension that was not offered (RFC 6455 §4.1 item 5). */
    UNREQUESTED_EXTENSION(HANDSHAKE, 0, "RFC 6455 §4.1 item 5", "the server chose an extension that was not offered"),
    /** The server chose a subprotocol that was not offered (RFC 6455 §4.1 item 6). */
    UNREQUESTED_SUBPROTOCOL(HANDSHAKE, 0, "RFC 6455 §4.1 item 6", "the server chose a subprotocol that was not offered"),

    // Frames (RFC 6455 §5).
    /** Client frames must be masked (RFC 6455 §5.1). */
    UNMASKED_CLIENT_FRAME(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.1", "client frames must be masked"),
    /** Server frames must not be masked (RFC 6455 §5.1). */
    MASKED_SERVER_FRAME(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.1", "server frames must not be masked"),
    /** RSV bit set without a negotiated extension (RFC 6455 §5.2). */
    RESERVED_BITS_SET(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.2", "RSV bit set without a negotiated extension"),
    /** Reserved opcode (RFC 6455 §5.2). */
    RESERVED_OPCODE(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.2", "reserved opcode"),
    /** 64-bit payload length with the most significant bit set (RFC 6455 §5.2). */
    PAYLOAD_LENGTH_TOP_BIT_SET(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.2", "64-bit payload length with the most significant bit set"),
    /** Payload length not in its minimal encoding (RFC 6455 §5.2). */
    NON_MINIMAL_LENGTH(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.2", "payload length not in its minimal encoding"),
    /** Control frames must not be fragmented (RFC 6455 §5.5). */
    FRAGMENTED_CONTROL_FRAME(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.5", "control frames must not be fragmented"),
    /** Control frame payload above 125 bytes (RFC 6455 §5.5). */
    CONTROL_FRAME_TOO_LONG(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.5", "control frame payload above 125 bytes"),
    /** Continuation frame with no message in progress (RFC 6455 §5.4). */
    CONTINUATION_WITHOUT_START(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.4", "continuation frame with no message in progress"),
    /** New data frame before the fragmented message ended (RFC 6455 §5.4). */
    DATA_FRAME_INSIDE_MESSAGE(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.4", "new data frame before the fragmented message ended"),
    /** Frame payload above the configured limit (RFC 6455 §10.4). */
    FRAME_TOO_BIG(CONNECTION, CloseCode.MESSAGE_TOO_BIG, "RFC 6455 §10.4", "frame payload above the configured limit"),
    /** Message above the configured limit (RFC 6455 §10.4). */
    MESSAGE_TOO_BIG(CONNECTION, CloseCode.MESSAGE_TOO_BIG, "RFC 6455 §10.4", "message above the configured limit"),
    /** Message in more fragments than the configured limit (RFC 6455 §5.4, §10.4). */
    TOO_MANY_FRAGMENTS(CONNECTION, CloseCode.MESSAGE_TOO_BIG, "RFC 6455 §5.4, §10.4", "message in more fragments than the configured limit"),
    /** Text is not valid UTF-8 (RFC 6455 §8.1). */
    INVALID_UTF8(CONNECTION, CloseCode.INVALID_FRAME_PAYLOAD_DATA, "RFC 6455 §8.1", "text is not valid UTF-8"),

    // Closing handshake (RFC 6455 §5.5.1, §7.4).
    /** Close payload of one byte (RFC 6455 §5.5.1). */
    CLOSE_PAYLOAD_ONE_BYTE(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §5.5.1", "close payload of one byte"),
    /** Close code not allowed on the wire (RFC 6455 §7.4). */
    INVALID_CLOSE_CODE(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 6455 §7.4", "close code not allowed on the wire"),
    /** Close reason is not valid UTF-8 (RFC 6455 §5.5.1, §8.1). */
    INVALID_CLOSE_REASON(CONNECTION, CloseCode.INVALID_FRAME_PAYLOAD_DATA, "RFC 6455 §5.5.1, §8.1", "close reason is not valid UTF-8"),

    // Extensions (RFC 7692).
    /** Compressed payload cannot be inflated (RFC 7692 §6.2). */
    INVALID_COMPRESSED_DATA(CONNECTION, CloseCode.PROTOCOL_ERROR, "RFC 7692 §6.2", "compressed payload cannot be inflated"),

    // Liveness and local failures.
    /** The peer does not read what we send (RFC 6455 §10.4). */
    OUTBOUND_LIMIT_EXCEEDED(CONNECTION, CloseCode.ABNORMAL_CLOSURE, "RFC 6455 §10.4", "the peer does not read what we send"),
    /** The peer did not answer a keepalive ping (RFC 6455 §5.5.2). */
    KEEPALIVE_TIMEOUT(CONNECTION, CloseCode.ABNORMAL_CLOSURE, "RFC 6455 §5.5.2", "the peer did not answer a keepalive ping"),
    /** The peer did not complete the closing handshake (RFC 6455 §7.1.1). */
    CLOSE_TIMEOUT(CONNECTION, CloseCode.ABNORMAL_CLOSURE, "RFC 6455 §7.1.1", "the peer did not complete the closing handshake"),
    /** The message did not complete in time (RFC 6455 §7.4.1, §10.4). */
    MESSAGE_TIMEOUT(CONNECTION, CloseCode.POLICY_VIOLATION, "RFC 6455 §7.4.1, §10.4", "the message did not complete in time"),
    // Not the peer's rule but the server's means: 1013 is IANA's "Try Again Later" (RFC 6455 §11.7).
    /** The server's memory budget is spent (RFC 6455 §10.4, §11.7). */
    MEMORY_BUDGET_EXCEEDED(CONNECTION, CloseCode.TRY_AGAIN_LATER, "RFC 6455 §10.4, §11.7", "the server's memory budget is spent"),
    /** Unexpected failure in the endpoint (RFC 6455 §7.4.1). */
    INTERNAL_ERROR(CONNECTION, CloseCode.INTERNAL_ERROR, "RFC 6455 §7.4.1", "unexpected failure in the endpoint");

    /** When a rule applies, which decides what {@code code} means; declared by each rule, not by its place. */
    enum Phase {
        /** The opening handshake (RFC 6455 §4): the code is an HTTP status, 0 when none is sent. */
        HANDSHAKE,
        /** Once the connection is open: the code is a close code (RFC 6455 §7.4). */
        CONNECTION
    }

    private final Phase phase;
    private final int code;
    private final String source;
    private final String description;

    ProtocolViolation(Phase phase, int code, String source, String description) {
        this.phase = phase;
        this.code = code;
        this.source = source;
        this.description = description;
    }

    /**
     * Whether this rule belongs to the opening handshake (answered by HTTP status or a failed
     * connect).
     *
     * @return {@code true} for a rule of the opening handshake (RFC 6455 §4), {@code false} for one
     *     of an open connection
     */
    public boolean isHandshake() {
        return phase == HANDSHAKE;
    }

    /**
     * The HTTP status a server sends for this handshake violation, or 0 when none is sent.
     *
     * @return the HTTP status code (400, 403, 426 and so on) for a handshake violation; 0 for any
     *     other
     */
    public int httpStatus() {
        return isHandshake() ? code : 0;
    }

    /**
     * The close code sent for this violation. 1006 means no close frame is sent: the TCP
     * connection is dropped (a silent peer is not worth another frame).
     *
     * @return the status code of the close frame (RFC 6455 §7.4.1): 1002 for every handshake
     *     violation, 1006 where the connection is dropped without one
     */
    public int closeCode() {
        return isHandshake() ? CloseCode.PROTOCOL_ERROR : code;
    }

    /**
     * The RFC section this rule comes from.
     *
     * @return the section, as {@code "RFC 6455 §5.2"}, never {@code null}
     */
    public String source() {
        return source;
    }

    /**
     * A short text fit for an HTTP reason body or a close reason (ASCII, well under 123 bytes).
     *
     * @return the description, never {@code null}
     */
    public String description() {
        return description;
    }
}
