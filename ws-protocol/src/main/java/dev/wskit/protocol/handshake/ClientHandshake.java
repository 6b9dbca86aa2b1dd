package dev.wskit.protocol.handshake;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.extension.DeflateParameters;
import dev.wskit.protocol.extension.internal.DeflateNegotiation;
import dev.wskit.protocol.extension.internal.ExtensionOffer;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.internal.HttpSyntax;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1): the upgrade request it sends, and
 * the check of the server's answer, which also records the extension parameters agreed. One per
 * connection attempt, since the key must be fresh each time; not thread-safe.
 */
public final class ClientHandshake {
    private static final String WEBSOCKET = "websocket";
    private static final int KEY_BYTES = 16;
    /** The fields the handshake itself writes; a second copy would make the request invalid. */
    private static final Set<String> OWNED_HEADERS = Set.of(
            "host", "upgrade", "connection", "origin",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-accept",
            "sec-websocket-protocol", "sec-websocket-extensions");

    private final HttpRequest request;
    /** {@code null} over HTTP/1.1; over HTTP/2 (RFC 8441) there is no key, and a 2xx opens. */
    private final String key;
    /** The URI's scheme as HTTP/2's {@code :scheme} names it: {@code https} for {@code wss}. */
    private final String scheme;
    private final List<String> offeredSubprotocols;
    private final boolean offeredDeflate;
    private DeflateParameters deflate;
    private HttpResponse response;

    private ClientHandshake(HttpRequest request, String key, String scheme, List<String> offeredSubprotocols,
                            boolean offeredDeflate) {
        this.request = request;
        this.scheme = scheme;
        this.key = key;
        this.offeredSubprotocols = offeredSubprotocols;
        this.offeredDeflate = offeredDeflate;
    }

    /**
     * Starts a handshake for {@code uri}.
     *
     * @param uri the {@code ws:} or {@code wss:} URI to connect to (RFC 6455 §3)
     * @return a new builder for that URI
     * @throws IllegalArgumentException when {@code uri} is not a valid WebSocket URI (see {@link WebSocketUri#of})
     */
    public static Builder builder(URI uri) {
        return new Builder(WebSocketUri.of(uri));
    }

    /**
     * Checks an extra header field by the rules of {@link Builder#header}, for a client that
     * collects fields before it knows the URI: an HTTP token as name, a field value without
     * control characters, not a field the handshake writes itself.
     *
     * @param name the field's name; an HTTP token (RFC 9110 §5.1)
     * @param value the field's value
     * @throws NullPointerException naming the null parameter
     * @throws IllegalArgumentException naming the rule the field breaks
     */
    public static void checkHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (OWNED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(name + " is written by the handshake itself");
        }
        // The header block's own syntax checks, with their messages.
        HttpHeaders.builder().add(name, value);
    }

    /**
     * Checks subprotocols to offer by the rules of {@link Builder#subprotocols}, for a client that
     * collects them before it knows the URI: HTTP tokens (RFC 6455 §4.1 item 10).
     *
     * @param subprotocols the names to offer, in order of preference
     * @return an unmodifiable copy
     * @throws IllegalArgumentException naming one that is not a token
     */
    public static List<String> checkSubprotocols(List<String> subprotocols) {
        return HttpSyntax.subprotocols(subprotocols);
    }

    /**
     * Checks an {@code Origin} by the rules of {@link Builder#origin}: a field value without
     * control characters.
     *
     * @param origin the {@code Origin} value (RFC 6454 §7)
     * @throws NullPointerException when {@code origin} is null
     * @throws IllegalArgumentException when it holds a forbidden character
     */
    public static void checkOrigin(String origin) {
        Objects.requireNonNull(origin, "origin");
        if (!HttpSyntax.isFieldValue(origin)) {
            throw new IllegalArgumentException("origin holds a forbidden character: " + origin);
        }
    }

    /**
     * The upgrade request.
     *
     * @return the request, never {@code null}
     */
    public HttpRequest request() {
        return request;
    }

    /**
     * Whether this is an extended CONNECT on an HTTP/2 stream (RFC 8441 §4) rather than an upgrade.
     *
     * @return true for an HTTP/2 opening, which has no key
     */
    public boolean isHttp2() {
        return key == null;
    }

    /**
     * RFC 8441 §4, §5: the extended CONNECT's header fields, as HTTP/2 sends them: the pseudo-header
     * fields first ({@code :protocol websocket}, the scheme, path and authority), then the others,
     * names lower-case.
     *
     * @return the request's fields in the order they are sent
     * @throws IllegalStateException over HTTP/1.1
     */
    public List<Map.Entry<String, String>> http2Fields() {
        if (!isHttp2()) {
            throw new IllegalStateException("an HTTP/1.1 upgrade has no HTTP/2 fields");
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry(":method", "CONNECT"));
        fields.add(Map.entry(":protocol", WEBSOCKET));
        fields.add(Map.entry(":scheme", scheme));
        fields.add(Map.entry(":path", request.target()));
        fields.add(Map.entry(":authority", request.headers().first("Host")));
        request.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
                fields.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
            }
        });
        return List.copyOf(fields);
    }

    /**
     * The upgrade request as it goes on the wire, ending with the empty line.
     *
     * @return a new buffer holding the request head, ready to be read
     */
    public ByteBuffer encodeRequest() {
        return request.encode();
    }

    /**
     * The {@code Sec-WebSocket-Key} sent: base64 of 16 random bytes (RFC 6455 §4.1 item 7).
     *
     * @return the key, 24 base64 characters; {@code null} over HTTP/2, which has none (RFC 8441 §4)
     */
    public String key() {
        return key;
    }

    /**
     * Checks the server's response against RFC 6455 §4.1, in the RFC's order.
     *
     * @param response the server's response head
     * @return the subprotocol the server chose, or {@code null} for none
     * @throws UpgradeRefusedException when the status is not 101, carrying the response
     * @throws WebSocketException naming the first rule the response breaks; the client must then
     *     fail the connection
     */
    public String validate(HttpResponse response) {
        HttpHeaders headers = response.headers();
        if (isHttp2()) {
            return validateHttp2(response);
        }
        if (response.status() != 101) {
            throw new UpgradeRefusedException(response);
        }
        // RFC 6455 §4.1 item 2: Upgrade is "websocket" and nothing else.
        if (!headers.tokens("Upgrade").equals(List.of(WEBSOCKET))) {
            throw new WebSocketException(ProtocolViolation.RESPONSE_MISSING_UPGRADE, "Upgrade: " + headers.all("Upgrade"));
        }
        if (!headers.containsToken("Connection", "upgrade")) {
            throw new WebSocketException(ProtocolViolation.RESPONSE_MISSING_CONNECTION, "Connection: " + headers.all("Connection"));
        }
        if (headers.count("Sec-WebSocket-Accept") != 1
                || !AcceptKey.of(key).equals(headers.first("Sec-WebSocket-Accept"))) {
            throw new WebSocketException(ProtocolViolation.WRONG_ACCEPT,
                    "Sec-WebSocket-Accept: " + headers.all("Sec-WebSocket-Accept"));
        }
        return negotiated(response);
    }

    /**
     * RFC 8441 §5: any 2xx opens the stream's tunnel (RFC 9113 §8.5), with no Upgrade, Connection
     * or Accept to check; the negotiated fields keep RFC 6455's rules.
     */
    private String validateHttp2(HttpResponse response) {
        if (response.status() / 100 != 2) {
            throw new UpgradeRefusedException(response);
        }
        return negotiated(response);
    }

    /** RFC 6455 §4.1 items 5 and 6: the extensions and the subprotocol the server chose. */
    private String negotiated(HttpResponse response) {
        HttpHeaders headers = response.headers();
        deflate = acceptedDeflate(headers.all("Sec-WebSocket-Extensions"));
        // RFC 6455 §4.1 item 6: at most one subprotocol, and one we offered.
        List<String> chosen = headers.values("Sec-WebSocket-Protocol");
        if (chosen.size() > 1 || (chosen.size() == 1 && !offeredSubprotocols.contains(chosen.get(0)))) {
            throw new WebSocketException(ProtocolViolation.UNREQUESTED_SUBPROTOCOL,
                    "Sec-WebSocket-Protocol: " + chosen + ", offered " + offeredSubprotocols);
        }
        this.response = response;
        return chosen.isEmpty() ? null : chosen.get(0);
    }

    /**
     * The server's 101, once {@link #validate} accepted it; {@code null} before.
     *
     * @return the accepted response, or {@code null} before
     */
    public HttpResponse response() {
        return response;
    }

    /** RFC 6455 §4.1 item 5: the server may name only extensions we offered. */
    private DeflateParameters acceptedDeflate(List<String> extensions) {
        List<ExtensionOffer> answer;
        try {
            answer = ExtensionOffer.parseAll(extensions);
        } catch (IllegalArgumentException malformed) {
            throw new WebSocketException(ProtocolViolation.UNREQUESTED_EXTENSION, malformed.getMessage());
        }
        if (!offeredDeflate && !answer.isEmpty()) {
            throw new WebSocketException(ProtocolViolation.UNREQUESTED_EXTENSION, "Sec-WebSocket-Extensions: " + extensions);
        }
        return DeflateNegotiation.acceptResponse(answer);
    }

    /**
     * The permessage-deflate parameters the server accepted, known once {@link #validate}
     * succeeded; {@code null} when compression is off.
     *
     * @return the negotiated parameters (RFC 7692 §7), or {@code null}
     */
    public DeflateParameters deflate() {
        return deflate;
    }

    /** Collects the optional parts of the request; each setter checks its argument at once. */
    public static final class Builder {
        private final WebSocketUri uri;
        private final HttpHeaders.Builder extraHeaders = HttpHeaders.builder();
        private String origin;
        /** The subprotocols to offer instead of the configuration's; {@code null} for the configuration's. */
        private List<String> subprotocols;

        private Builder(WebSocketUri uri) {
            this.uri = uri;
        }

        /**
         * The {@code Origin} to send (RFC 6455 §4.1 item 8; RFC 6454): browsers send one, others
         * may.
         *
         * @param origin the {@code Origin} value; a field value without control characters
         * @return this builder
         */
        public Builder origin(String origin) {
            checkOrigin(origin);
            this.origin = origin;
            return this;
        }

        /**
         * An extra header field, sent after the handshake's own (RFC 6455 §4.1 item 12 allows
         * them: cookies, authorization). Fields the handshake writes itself are refused.
         *
         * @param name the field's name; an HTTP token, not one of the handshake's own
         *     ({@code Host}, {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*} and so
         *     on)
         * @param value the field's value; no control characters
         * @return this builder
         */
        public Builder header(String name, String value) {
            checkHeader(name, value);
            extraHeaders.add(name, value);
            return this;
        }

        /**
         * The subprotocols to offer in order of preference (RFC 6455 §4.1 item 10), instead of
         * the configuration's; empty offers none.
         *
         * @param subprotocols the names, each an HTTP token; not {@code null}
         * @return this builder
         * @throws IllegalArgumentException naming one that is not an HTTP token
         */
        public Builder subprotocols(List<String> subprotocols) {
            this.subprotocols = checkSubprotocols(subprotocols);
            return this;
        }

        /**
         * The handshake, with a fresh key from {@code config.random()}, offering the subprotocols
         * set here, else the configuration's.
         *
         * @param config the settings: its random source gives the key, its subprotocols and
         *     permessage-deflate settings are offered
         * @return the handshake, ready to send
         */
        public ClientHandshake build(WebSocketConfig config) {
            Objects.requireNonNull(config, "config");
            byte[] nonce = new byte[KEY_BYTES];
            config.random().nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            HttpHeaders.Builder headers = HttpHeaders.builder()
                    .add("Host", uri.hostHeader())
                    .add("Upgrade", WEBSOCKET)
                    .add("Connection", "Upgrade")
                    .add("Sec-WebSocket-Key", key)
                    .add("Sec-WebSocket-Version", "13");
            return finish(headers, config, "GET", 1, 1, key);
        }

        /**
         * The handshake as an extended CONNECT on an HTTP/2 stream (RFC 8441 §4, §5): no key, no
         * Upgrade; the same version, origin, subprotocols, extensions and extra fields.
         *
         * @param config the connection's configuration: its permessage-deflate offer and limits
         * @return the handshake, whose {@link ClientHandshake#http2Fields()} go in the stream's HEADERS
         */
        public ClientHandshake buildForHttp2(WebSocketConfig config) {
            Objects.requireNonNull(config, "config");
            HttpHeaders.Builder headers = HttpHeaders.builder()
                    .add("Host", uri.hostHeader())
                    .add("Sec-WebSocket-Version", "13");
            return finish(headers, config, "CONNECT", 2, 0, null);
        }

        private ClientHandshake finish(HttpHeaders.Builder headers, WebSocketConfig config, String method,
                                       int major, int minor, String key) {
            if (origin != null) {
                headers.add("Origin", origin);
            }
            List<String> offered = subprotocols != null ? subprotocols : config.subprotocols();
            if (!offered.isEmpty()) {
                headers.add("Sec-WebSocket-Protocol", String.join(", ", offered));
            }
            boolean offerDeflate = config.perMessageDeflate() != null;
            if (offerDeflate) {
                headers.add("Sec-WebSocket-Extensions", DeflateNegotiation.offer(config.perMessageDeflate()));
            }
            extraHeaders.build().forEach(headers::add);
            HttpRequest request = new HttpRequest(method, uri.requestTarget(), major, minor, headers.build());
            return new ClientHandshake(request, key, uri.isSecure() ? "https" : "http", offered, offerDeflate);
        }
    }
}
