package dev.wskit.protocol.engine;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.handshake.ServerHandshake;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.http.internal.HttpHeadParser;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads a server's requests off one connection, one at a time, from any split of the stream and
 * not one byte past the request: its head (RFC 9112 §2.1), then, for a plain request the
 * application's HTTP handler answers, its body as its {@code Content-Length} frames it (§6.3),
 * at most {@link WebSocketConfig#maxHttpBodyBytes()}.
 *
 * <p>An upgrade request is read to the end of its head only, as it always was: RFC 6455 §4.2.1
 * gives it no body, and the bytes after it are frames, judged as such. A request no handler
 * answers is refused 426 and the connection closes, so its body is never read either.
 */
final class ServerRequests {
    private final WebSocketConfig config;
    private final Outbound outbound;
    private HttpHeadParser head;
    /** The head of a request whose body is being read; {@code null} while the head is. */
    private HttpRequest request;
    private byte[] body;
    private int bodyRead;
    /** Whether a byte of the current request has arrived. */
    private boolean started;

    ServerRequests(WebSocketConfig config, Outbound outbound) {
        this.config = config;
        this.outbound = outbound;
        this.head = HttpHeadParser.forRequests(config.maxHandshakeBytes());
    }

    /**
     * Reads from {@code in} as far as the current request goes.
     *
     * @return the complete request, or {@code null} while more bytes are needed
     * @throws WebSocketException naming the first rule the request breaks
     */
    HttpRequest read(ByteBuffer in) {
        started |= in.hasRemaining();
        if (request == null) {
            if (!head.parse(in)) {
                return null;
            }
            request = head.request();
            body = new byte[bodyLength(request)];
            expectContinue();
        }
        int length = Math.min(in.remaining(), body.length - bodyRead);
        in.get(body, bodyRead, length);
        bodyRead += length;
        if (bodyRead < body.length) {
            return null;
        }
        HttpRequest complete = body.length == 0 ? request : request.withBody(body);
        request = null;
        body = null;
        return complete;
    }

    /** RFC 9112 §9.3: the answered request left the connection open; the next one starts afresh. */
    void next() {
        head = HttpHeadParser.forRequests(config.maxHandshakeBytes());
        bodyRead = 0;
        started = false;
    }

    /** Whether a byte of the request being read has arrived (none yet: the connection is idle). */
    boolean started() {
        return started;
    }

    /**
     * RFC 9112 §6.3: the body's length, which only {@code Content-Length} gives here. A chunked
     * body is refused 411 rather than decoded: the hook serves small pages and calls, whose
     * clients know their length; a transfer coding never reaches a handler half-understood.
     */
    private int bodyLength(HttpRequest head) {
        if (ServerHandshake.asksForWebSocket(head) || config.httpHandler() == null) {
            return 0;
        }
        HttpHeaders headers = head.headers();
        if (headers.contains("Transfer-Encoding")) {
            throw new WebSocketException(ProtocolViolation.LENGTH_REQUIRED);
        }
        List<String> lengths = headers.all("Content-Length");
        if (lengths.isEmpty()) {
            // RFC 9112 §6.3 item 7: a request with neither field has no body.
            return 0;
        }
        String length = lengths.get(0);
        // RFC 9112 §6.3 item 5: anything but one run of digits is unrecoverable; the peer is refused.
        if (lengths.size() != 1 || length.isEmpty() || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new WebSocketException(ProtocolViolation.INVALID_CONTENT_LENGTH, "Content-Length " + lengths);
        }
        String digits = length.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > config.maxHttpBodyBytes()) {
            throw new WebSocketException(ProtocolViolation.REQUEST_BODY_TOO_LARGE,
                    "Content-Length " + length + ", limit " + config.maxHttpBodyBytes());
        }
        return Integer.parseInt(digits);
    }

    /**
     * RFC 9110 §10.1.1: a client that waits for {@code 100 Continue} before sending a body it
     * announced is told to go on, now that its length is known to fit; an HTTP/1.0 one is not.
     */
    private void expectContinue() {
        boolean http11 = request.versionMajor() > 1 || (request.versionMajor() == 1 && request.versionMinor() >= 1);
        if (body.length > 0 && http11 && request.headers().containsToken("Expect", "100-continue")) {
            outbound.queue(HttpResponse.of(100, HttpHeaders.empty(), new byte[0]).encode());
        }
    }
}
