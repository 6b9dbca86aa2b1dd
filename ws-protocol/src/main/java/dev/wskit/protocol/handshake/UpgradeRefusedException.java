package dev.wskit.protocol.handshake;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.http.HttpResponse;
import java.util.Objects;

/**
 * The server answered the opening request with another status than 101 (RFC 6455 §4.1 item 1),
 * a refusal the client must fail the connection on: its {@link #response()} tells why, with the
 * status, the header fields and as much of the body as the client read (at most
 * {@link #MAX_BODY_BYTES}, within the handshake timeout).
 */
public final class UpgradeRefusedException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** The most of a refusal's body a client reads: enough for a reason, never a download. */
    public static final int MAX_BODY_BYTES = 4096;

    private final transient HttpResponse response;

    /**
     * The refusal {@code response}, as the client received it.
     *
     * @param response the server's response; not {@code null}
     */
    public UpgradeRefusedException(HttpResponse response) {
        super(ProtocolViolation.STATUS_NOT_101, "status " + response.status() + " " + response.reason());
        this.response = Objects.requireNonNull(response, "response");
    }

    /**
     * The server's answer: status, reason phrase, header fields and the body read (maybe cut
     * short).
     *
     * @return the response, never {@code null}
     */
    public HttpResponse response() {
        return response;
    }

    /**
     * The server's status code.
     *
     * @return the status code, never 101
     */
    public int status() {
        return response.status();
    }
}
