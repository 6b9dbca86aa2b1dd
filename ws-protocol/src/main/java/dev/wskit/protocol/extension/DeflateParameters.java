package dev.wskit.protocol.extension;

/**
 * The permessage-deflate parameters both ends agreed on (RFC 7692 §7.1), as the server's answer
 * states them.
 *
 * @param serverNoContextTakeover whether the server starts each message from an empty window (RFC 7692 §7.1.1.1)
 * @param clientNoContextTakeover whether the client starts each message from an empty window (RFC 7692 §7.1.1.2)
 * @param serverMaxWindowBits     the server's window in bits (RFC 7692 §7.1.2.1), or 0 when the answer leaves it out
 * @param clientMaxWindowBits     the client's window in bits (RFC 7692 §7.1.2.2), or 0 when the answer leaves it out
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {
    /** RFC 7692 §7: the extension's name in {@code Sec-WebSocket-Extensions}. */
    public static final String EXTENSION_NAME = "permessage-deflate";
    /** RFC 7692 §7.1.1.1: the server compresses each message on its own. */
    public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    /** RFC 7692 §7.1.1.2: the client compresses each message on its own. */
    public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    /** RFC 7692 §7.1.2.1: the largest LZ77 window the server may use. */
    public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    /** RFC 7692 §7.1.2.2: the largest LZ77 window the client may use. */
    public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /**
     * The server's {@code Sec-WebSocket-Extensions} value for these parameters.
     *
     * @return the header value, as {@code permessage-deflate; server_no_context_takeover} (RFC 7692
     *     §7)
     */
    public String toHeaderValue() {
        StringBuilder header = new StringBuilder(EXTENSION_NAME);
        if (serverNoContextTakeover) {
            header.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (clientNoContextTakeover) {
            header.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (serverMaxWindowBits != 0) {
            header.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(serverMaxWindowBits);
        }
        if (clientMaxWindowBits != 0) {
            header.append("; ").append(CLIENT_MAX_WINDOW_BITS).append('=').append(clientMaxWindowBits);
        }
        return header.toString();
    }

    @Override
    public String toString() {
        return toHeaderValue();
    }
}
