package dev.wskit.protocol.handshake;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.DeflateParameters;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpRequestHandler;
import dev.wskit.protocol.http.HttpResponse;

/**
 * The server's side of the opening handshake (RFC 6455 §4.2): checks a parsed request against
 * every rule of §4.2.1, in a fixed order, and builds the one response it gets. Pure: no state,
 * no I/O; the transport writes {@link HandshakeDecision#response()}.
 */
public final class ServerHandshake {
    private static final String WEBSOCKET = "websocket";

    private ServerHandshake() {
    }

    /**
     * The answer to {@code request} under {@code config}, accepting every valid upgrade.
     *
     * @param request the client's opening request
     * @param config the server's settings (subprotocols, permessage-deflate, origin policy, HTTP
     *     handler)
     * @return the response to send: a 101, or a rejection naming the rule broken
     */
    public static HandshakeDecision decide(HttpRequest request, WebSocketConfig config) {
        HandshakeDecision screened = screen(request, config);
        return screened != null ? screened : accept(request, config, null, HttpHeaders.empty());
    }

    /**
     * The answer to a request that does not become a WebSocket whatever the application decides:
     * a plain HTTP request (the configured {@link HttpRequestHandler}'s answer, or 426) or a broken
     * rule of RFC 6455 §4.2.1 (its rejection); {@code null} for a valid upgrade request.
     *
     * @param request the client's request
     * @param config the server's settings
     * @return the answer, or {@code null} when the request is a valid upgrade the application may
     *     decide
     */
    public static HandshakeDecision screen(HttpRequest request, WebSocketConfig config) {
        if (!asksForWebSocket(request)) {
            return config.httpHandler() != null
                    ? answerPlainRequest(request, config.httpHandler())
                    : reject(ProtocolViolation.MISSING_UPGRADE_WEBSOCKET);
        }
        ProtocolViolation violation = firstViolation(request, config);
        return violation != null ? reject(violation) : null;
    }

    /**
     * Whether {@code request} asks to become a WebSocket (RFC 6455 §4.2.1 item 3: {@code Upgrade}
     * lists {@code websocket}); whether it may is {@link #screen}'s to say. Any other request is
     * plain HTTP.
     *
     * @param request a request head, any method or path
     * @return {@code true} when the request asks for a WebSocket upgrade
     */
    public static boolean asksForWebSocket(HttpRequest request) {
        return request.headers().containsToken("Upgrade", WEBSOCKET);
    }

    /**
     * The 101 to a valid upgrade request (RFC 6455 §4.2.2 item 5), with {@code subprotocol} (one the
     * client offered), or, when {@code null}, the first configured one it offered; {@code extra}
     * header fields follow the handshake's own. A malformed extension offer is still rejected.
     *
     * @param request a valid upgrade request (one {@link #screen} returned {@code null} for)
     * @param config the server's settings
     * @param subprotocol the subprotocol to choose, or {@code null} to let the configuration's
     *     preference pick
     * @param extra header fields to add to the 101 (a cookie, say); {@link HttpHeaders#empty()} for
     *     none
     * @return the decision: the 101, or a rejection of a malformed extension offer
     * @throws IllegalArgumentException when the client did not offer {@code subprotocol}
     */
    public static HandshakeDecision accept(HttpRequest request, WebSocketConfig config, String subprotocol,
                                           HttpHeaders extra) {
        HttpHeaders headers = request.headers();
        String chosen = UpgradeNegotiation.subprotocol(headers, config, subprotocol);
        HttpHeaders.Builder accept = HttpHeaders.builder()
                .add("Upgrade", WEBSOCKET)
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", AcceptKey.of(headers.first("Sec-WebSocket-Key")));
        if (chosen != null) {
            accept.add("Sec-WebSocket-Protocol", chosen);
        }
        DeflateParameters deflate;
        try {
            deflate = UpgradeNegotiation.deflate(headers, config);
        } catch (IllegalArgumentException malformed) {
            // Only when called without screen(), which refuses these before any decision.
            return reject(ProtocolViolation.MALFORMED_EXTENSIONS);
        }
        // RFC 6455 §9.1: only extensions we accept are named; the others go unanswered.
        if (deflate != null) {
            accept.add("Sec-WebSocket-Extensions", deflate.toHeaderValue());
        }
        extra.forEach(accept::add);
        HttpResponse response = HttpResponse.of(101, accept.build(), new byte[0]);
        return HandshakeDecision.accepted(response, chosen, deflate);
    }

    /** The first rule of RFC 6455 §4.2.1 that an upgrade request breaks, or {@code null}. */
    private static ProtocolViolation firstViolation(HttpRequest request, WebSocketConfig config) {
        HttpHeaders headers = request.headers();
        // RFC 6455 §4.2.1 item 1: "An HTTP/1.1 or higher GET request"; methods are case-sensitive.
        if (!request.method().equals("GET")) {
            return ProtocolViolation.METHOD_NOT_GET;
        }
        if (request.versionMajor() < 1 || (request.versionMajor() == 1 && request.versionMinor() < 1)) {
            return ProtocolViolation.HTTP_VERSION_TOO_OLD;
        }
        // A GET's body has no meaning (RFC 9110 §9.3.1), and after an upgrade request the stream
        // is frames: a body a proxy forwarded as HTTP would be read as a smuggled frame.
        if (headers.contains("Transfer-Encoding")
                || headers.all("Content-Length").stream().anyMatch(length -> !length.trim().equals("0"))) {
            return ProtocolViolation.UPGRADE_WITH_BODY;
        }
        // RFC 6455 §4.2.1 item 2; RFC 9112 §3.2: a request with no Host, or several, gets 400.
        if (headers.count("Host") != 1) {
            return ProtocolViolation.MISSING_HOST;
        }
        // RFC 6455 §4.2.1 item 4: Connection lists "Upgrade" among possibly other options.
        if (!headers.containsToken("Connection", "upgrade")) {
            return ProtocolViolation.MISSING_CONNECTION_UPGRADE;
        }
        ProtocolViolation version = UpgradeNegotiation.versionViolation(headers);
        if (version != null) {
            return version;
        }
        if (headers.count("Sec-WebSocket-Key") != 1 || !AcceptKey.isValidKey(headers.first("Sec-WebSocket-Key"))) {
            return ProtocolViolation.INVALID_KEY;
        }
        return UpgradeNegotiation.originOrExtensionsViolation(headers, config);
    }

    /**
     * The complete error response for a server-side handshake rule: its status, a one-line body,
     * then close. Also the answer to a request head that cannot be read (400 malformed, 431 too
     * large), by the engine or by a transport's own HTTP codec, so every refusal looks the same on
     * the wire.
     *
     * @param violation a handshake rule, one with an
     *     {@link ProtocolViolation#httpStatus() HTTP status}
     * @return the rejection, whose response closes the connection
     * @throws IllegalArgumentException when {@code violation} has no HTTP status
     */
    public static HandshakeDecision reject(ProtocolViolation violation) {
        if (violation.httpStatus() == 0) {
            throw new IllegalArgumentException(violation + " is not answered with an HTTP status");
        }
        HttpResponse plain = HttpResponse.text(violation.httpStatus(), violation.description() + "\n");
        HttpResponse response = switch (violation) {
            // RFC 9110 §15.5.22: a 426 names the protocol to upgrade to, and §7.8: whoever sends
            // Upgrade lists it in Connection too. RFC 6455 §4.4: and the versions we speak.
            case MISSING_UPGRADE_WEBSOCKET, UNSUPPORTED_VERSION -> plain
                    .withHeader("Connection", "Upgrade, close")
                    .withHeader("Upgrade", WEBSOCKET)
                    .withHeader("Sec-WebSocket-Version", UpgradeNegotiation.SUPPORTED_VERSION);
            // RFC 9110 §15.5.6: a 405 lists the methods the resource allows.
            case METHOD_NOT_GET -> plain.withHeader("Connection", "close").withHeader("Allow", "GET");
            default -> plain.withHeader("Connection", "close");
        };
        return HandshakeDecision.rejected(response, violation);
    }

    /**
     * The application answers a request that is not an upgrade. Its failure must not leak to the
     * peer, so an exception becomes a bare 500. The answer says whether the connection stays open
     * for another request ({@link #persists}); one that closes says so.
     */
    static HandshakeDecision answerPlainRequest(HttpRequest request, HttpRequestHandler handler) {
        HttpResponse answer;
        try {
            answer = handler.handle(request);
            if (answer == null) {
                answer = HttpResponse.text(404, "Not Found\n");
            }
        } catch (RuntimeException failure) {
            answer = HttpResponse.text(500, "Internal Server Error\n");
        }
        if (!persists(request, answer)) {
            answer = answer.withHeader("Connection", "close");
        } else if (request.versionMinor() == 0 && request.versionMajor() == 1) {
            // RFC 9112 §9.3: an HTTP/1.0 client asked for keep-alive and learns it got it.
            answer = answer.withHeader("Connection", "keep-alive");
        }
        return HandshakeDecision.answered(answer);
    }

    /**
     * RFC 9112 §9.3: HTTP/1.1 connections persist unless the request or the answer lists the
     * {@code close} option; HTTP/1.0 ones only when the request lists {@code keep-alive}. An
     * answer to {@code HEAD} closes, as it would carry a body the client does not read (RFC 9110
     * §9.3.2), and the client could not tell where the next answer starts.
     */
    private static boolean persists(HttpRequest request, HttpResponse answer) {
        HttpHeaders asked = request.headers();
        if (asked.containsToken("Connection", "close") || answer.headers().containsToken("Connection", "close")
                || request.method().equals("HEAD")) {
            return false;
        }
        boolean http10 = request.versionMajor() == 1 && request.versionMinor() == 0;
        return !http10 ? request.versionMajor() >= 1 : asked.containsToken("Connection", "keep-alive");
    }
}
