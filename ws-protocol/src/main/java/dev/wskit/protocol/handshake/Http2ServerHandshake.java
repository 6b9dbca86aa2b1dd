package dev.wskit.protocol.handshake;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.DeflateParameters;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The server's side of the opening handshake over HTTP/2 (RFC 8441): an extended CONNECT on one
 * stream, checked and answered with the same rules and negotiation as an HTTP/1.1 upgrade
 * ({@link ServerHandshake}), but framed as HTTP/2 header fields: {@code :status 200} opens the
 * stream's tunnel (no {@code Sec-WebSocket-Key}, no {@code Sec-WebSocket-Accept}, RFC 8441 §5).
 * Pure: the header fields are plain name/value pairs, names lower-case as HTTP/2 sends them
 * (RFC 9113 §8.2.1), pseudo-header fields ({@code :method}, ...) included.
 */
public final class Http2ServerHandshake {
    private static final String WEBSOCKET = "websocket";
    /** RFC 9113 §8.2.2: connection-specific fields, which an HTTP/2 message never carries. */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of(
            "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    private Http2ServerHandshake() {
    }

    /**
     * The request the application's decider, routes and HTTP handler see: {@code :method},
     * {@code :path} as the target (for a CONNECT without one, {@code :authority}, the authority-form
     * of RFC 9112 §3.2.3), HTTP/2.0, the regular fields, and {@code :authority} as {@code Host}
     * (RFC 9113 §8.3.1) unless a {@code host} field came.
     *
     * @param fields the stream's request header fields, pseudo-header fields included, in order
     * @return the request as an HTTP/1.1 upgrade's would be seen, version 2.0
     * @throws IllegalArgumentException when there is no method, no target, or a field HTTP cannot carry
     */
    public static HttpRequest request(List<Map.Entry<String, String>> fields) {
        String method = pseudo(fields, ":method");
        String authority = pseudo(fields, ":authority");
        String path = pseudo(fields, ":path");
        String target = path != null ? path : authority;
        if (method == null || target == null) {
            throw new IllegalArgumentException("no :method, or neither :path nor :authority: " + fields);
        }
        HttpHeaders.Builder headers = HttpHeaders.builder();
        boolean host = false;
        for (Map.Entry<String, String> field : fields) {
            if (!field.getKey().startsWith(":")) {
                headers.add(field.getKey(), field.getValue());
                host |= field.getKey().equalsIgnoreCase("host");
            }
        }
        if (!host && authority != null) {
            headers.add("host", authority);
        }
        return new HttpRequest(method, target, 2, 0, headers.build());
    }

    /**
     * Whether {@code fields} open a WebSocket (RFC 8441 §4: a CONNECT with {@code :protocol});
     * whether they may is {@link #screen}'s to say. Any other request is plain HTTP.
     *
     * @param fields the request's header fields, pseudo-header fields included, names lower-case
     * @return true for a CONNECT that names a protocol
     */
    public static boolean isExtendedConnect(List<Map.Entry<String, String>> fields) {
        return "CONNECT".equals(pseudo(fields, ":method")) && pseudo(fields, ":protocol") != null;
    }

    /**
     * The answer to a request that does not become a WebSocket whatever the application decides:
     * a plain request (the configured HTTP handler's answer, or 404, as HTTP/2 has no upgrade to
     * require) or a broken rule (its rejection); {@code null} for a valid extended CONNECT.
     *
     * @param fields the request's header fields, pseudo-header fields included, names lower-case
     * @param request {@link #request(List) the request} of {@code fields}
     * @param config the server's configuration: its HTTP handler, origins and extensions
     * @return the answer that ends the stream, or {@code null} when the application decides
     */
    public static HandshakeDecision screen(List<Map.Entry<String, String>> fields, HttpRequest request,
                                           WebSocketConfig config) {
        if (!"CONNECT".equals(request.method())) {
            return config.httpHandler() != null
                    ? ServerHandshake.answerPlainRequest(request, config.httpHandler())
                    : HandshakeDecision.answered(HttpResponse.text(404, "Not Found\n"));
        }
        ProtocolViolation violation = firstViolation(fields, request, config);
        return violation != null ? ServerHandshake.reject(violation) : null;
    }

    /** The first rule of RFC 8441 (and of RFC 6455 that it keeps) that a CONNECT breaks, or {@code null}. */
    private static ProtocolViolation firstViolation(List<Map.Entry<String, String>> fields, HttpRequest request,
                                                    WebSocketConfig config) {
        String protocol = pseudo(fields, ":protocol");
        // A CONNECT without :protocol asks for a TCP tunnel (RFC 9113 §8.5): this server is no proxy.
        if (protocol == null) {
            return ProtocolViolation.CONNECT_WITHOUT_PROTOCOL;
        }
        // RFC 9110 §7.8: protocol names compare case-insensitively, as Upgrade's do in HTTP/1.1.
        if (!protocol.equalsIgnoreCase(WEBSOCKET)) {
            return ProtocolViolation.UNSUPPORTED_PROTOCOL;
        }
        // RFC 8441 §4: with :protocol, :scheme and :path are included, and :authority as in any CONNECT.
        if (isBlank(pseudo(fields, ":scheme")) || isBlank(pseudo(fields, ":path"))
                || isBlank(pseudo(fields, ":authority"))) {
            return ProtocolViolation.INCOMPLETE_EXTENDED_CONNECT;
        }
        // RFC 8441 §5: Sec-WebSocket-Version, Origin and the negotiated fields keep RFC 6455's rules.
        ProtocolViolation version = UpgradeNegotiation.versionViolation(request.headers());
        return version != null ? version : UpgradeNegotiation.originOrExtensionsViolation(request.headers(), config);
    }

    /**
     * RFC 8441 §5: the {@code 200} that opens the tunnel, with {@code subprotocol} (one the client
     * offered) or, when {@code null}, the first configured one it offered, and the extensions
     * agreed; {@code extra} header fields follow the handshake's own.
     *
     * @param request the extended CONNECT, as {@link #request(List)} made it
     * @param config the server's configuration: its subprotocols and permessage-deflate settings
     * @param subprotocol the subprotocol the application chose, or {@code null}
     * @param extra header fields the application adds to the answer; empty for none
     * @return the accepting decision, its response the {@code 200}
     * @throws IllegalArgumentException when the client did not offer {@code subprotocol}
     */
    public static HandshakeDecision accept(HttpRequest request, WebSocketConfig config, String subprotocol,
                                           HttpHeaders extra) {
        HttpHeaders headers = request.headers();
        String chosen = UpgradeNegotiation.subprotocol(headers, config, subprotocol);
        DeflateParameters deflate;
        try {
            deflate = UpgradeNegotiation.deflate(headers, config);
        } catch (IllegalArgumentException malformed) {
            // Only when called without screen(), which refuses these before any decision.
            return ServerHandshake.reject(ProtocolViolation.MALFORMED_EXTENSIONS);
        }
        HttpHeaders.Builder accept = HttpHeaders.builder();
        if (chosen != null) {
            accept.add("sec-websocket-protocol", chosen);
        }
        if (deflate != null) {
            accept.add("sec-websocket-extensions", deflate.toHeaderValue());
        }
        extra.forEach(accept::add);
        return HandshakeDecision.accepted(HttpResponse.of(200, accept.build(), new byte[0]), chosen, deflate);
    }

    /**
     * {@code response}'s status and header fields as HTTP/2 sends them: {@code :status} first,
     * names lower-case (RFC 9113 §8.2.1), and without the connection-specific fields an HTTP/1.1
     * answer carries ({@code Connection: close}, a 426's {@code Upgrade}), which RFC 9113 §8.2.2
     * makes malformed. The body, if any, goes in DATA frames.
     *
     * @param response the engine's answer
     * @return the fields for the stream's HEADERS, in order
     */
    public static List<Map.Entry<String, String>> responseFields(HttpResponse response) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry(":status", Integer.toString(response.status())));
        response.headers().forEach((name, value) -> {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (!CONNECTION_SPECIFIC.contains(lowerCase)) {
                fields.add(Map.entry(lowerCase, value));
            }
        });
        return List.copyOf(fields);
    }

    /**
     * The response that {@code fields} carry, the other way round from {@link #responseFields}:
     * {@code :status}, and the regular fields; for a client on an HTTP/2 stream.
     *
     * @param fields the answer's header fields, {@code :status} among them
     * @return the response, without a body
     * @throws IllegalArgumentException when {@code :status} is missing or not a status
     */
    public static HttpResponse response(List<Map.Entry<String, String>> fields) {
        String status = pseudo(fields, ":status");
        if (status == null || !status.matches("[1-5][0-9][0-9]")) {
            throw new IllegalArgumentException("no valid :status: " + fields);
        }
        HttpHeaders.Builder headers = HttpHeaders.builder();
        for (Map.Entry<String, String> field : fields) {
            if (!field.getKey().startsWith(":")) {
                headers.add(field.getKey(), field.getValue());
            }
        }
        return HttpResponse.of(Integer.parseInt(status), headers.build(), new byte[0]);
    }

    /** The value of pseudo-header {@code name}, or {@code null}; HTTP/2 allows each one once (RFC 9113 §8.3). */
    private static String pseudo(List<Map.Entry<String, String>> fields, String name) {
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equals(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
