package dev.wskit.protocol.upgrade;

import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * An opening request that passed every rule of RFC 6455 §4.2.1, as the application sees it before
 * it decides: the HTTP head (method, path, query, headers, cookies), who sent it, and over TLS the
 * session (the peer's certificates under mutual TLS). Immutable.
 */
public final class UpgradeRequest {
    private final HttpRequest request;
    private final SocketAddress remoteAddress;
    private final SSLSession tlsSession;

    /**
     * A request as the decider sees it; transports make these, an application needs one only in
     * tests.
     *
     * @param request the parsed request head; not {@code null}
     * @param remoteAddress the peer's address, {@code null} when the transport has none
     * @param tlsSession the TLS session, {@code null} for plain TCP
     */
    public UpgradeRequest(HttpRequest request, SocketAddress remoteAddress, SSLSession tlsSession) {
        this.request = Objects.requireNonNull(request, "request");
        this.remoteAddress = remoteAddress;
        this.tlsSession = tlsSession;
    }

    /**
     * The request head exactly as parsed.
     *
     * @return the request, never {@code null}
     */
    public HttpRequest httpRequest() {
        return request;
    }

    /**
     * The path of the request-target, without its query (still percent-encoded, as sent).
     *
     * @return the path, percent-encoded as sent
     */
    public String path() {
        return request.path();
    }

    /**
     * The query after {@code ?}, as sent, or {@code ""} when there is none.
     *
     * @return the query, never {@code null}
     */
    public String query() {
        String query = request.query();
        return query == null ? "" : query;
    }

    /**
     * The query's parameters, decoded as an HTML form encodes them ({@code +} is a space, then
     * percent-decoding as UTF-8); a name given twice has both values, in order. A malformed escape
     * is kept as it was sent.
     *
     * @return the parameters in the order given, each name with its values; empty without a query
     */
    public Map<String, List<String>> queryParameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * The first value of the query parameter {@code name}, if it was given.
     *
     * @param name the parameter's name, decoded
     * @return the first value, decoded, or empty
     */
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters().get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The request's header fields, in the order they came.
     *
     * @return the header fields, never {@code null}
     */
    public HttpHeaders headers() {
        return request.headers();
    }

    /**
     * The first value of the header field {@code name} (case-insensitive), if present.
     *
     * @param name the field name
     * @return the first value, or empty
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.headers().first(name));
    }

    /**
     * The cookies the browser sent (RFC 6265 §5.4: {@code name=value} pairs separated by
     * {@code ;}, on one or more {@code Cookie} lines); the first of a repeated name wins, as RFC
     * 6265 §5.4 orders the more specific cookie first. Values keep their quotes, if any.
     *
     * @return the cookies by name, in the order sent
     */
    public Map<String, String> cookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String line : request.headers().all("Cookie")) {
            for (String pair : line.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    cookies.putIfAbsent(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                }
            }
        }
        return Collections.unmodifiableMap(cookies);
    }

    /**
     * The value of the cookie {@code name}, if the browser sent it.
     *
     * @param name the cookie's name
     * @return its value, or empty
     */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies().get(name));
    }

    /**
     * The {@code Origin} a browser sends (RFC 6454 §7), if any.
     *
     * @return the origin, or empty
     */
    public Optional<String> origin() {
        return header("Origin");
    }

    /**
     * The subprotocols the client offered (RFC 6455 §4.1 item 10), in its order of preference.
     *
     * @return the names, an empty list when none was offered
     */
    public List<String> offeredSubprotocols() {
        return request.headers().values("Sec-WebSocket-Protocol");
    }

    /**
     * The peer's address, if the transport knows it.
     *
     * @return the address, or empty
     */
    public Optional<SocketAddress> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    /**
     * The TLS session of a {@code wss} connection, empty on plain TCP.
     *
     * @return the session, or empty
     */
    public Optional<SSLSession> tlsSession() {
        return Optional.ofNullable(tlsSession);
    }

    @Override
    public String toString() {
        return request.method() + " " + request.target() + (remoteAddress == null ? "" : " from " + remoteAddress);
    }

    /** {@code application/x-www-form-urlencoded} decoding (WHATWG URL §5.1), written here: java.net is not ours. */
    private static String decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
            if (c == '%' && low >= 0) {
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                // A request-target is visible ASCII (RFC 9112 §3.2), checked when it was parsed.
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
